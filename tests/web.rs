//! Browser tests: the widget mounted in headless Chromium through the public `mount` API and
//! driven with real DOM events. Field validation, section navigation and statuses, the error
//! summary, warning confirmation, drafts in `localStorage` and the locale switch.
#![cfg(target_arch = "wasm32")]

#[path = "web/support.rs"]
mod support;

use chrono::{Duration, NaiveDateTime};
use icp_filing::web::mount;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The GB/T 2260 region data, served from the crate directory by the test runner.
const REGIONS: &str = "/data/regions/regions.json";

/// Options of a widget that keeps no draft.
fn no_storage() -> Value {
    json!({"endpoint": "/api/filings", "storage": "none", "today": TODAY, "regionsUrl": REGIONS})
}

/// Options of a widget that keeps its draft in `localStorage` under `key`.
fn local_draft(key: &str) -> Value {
    json!({"endpoint": "/api/filings", "storage": "local", "draftKey": key, "today": TODAY, "regionsUrl": REGIONS})
}

/// `2026-11-28T10:00:00+08:00` as a wall clock in China Standard Time.
fn cst(text: &str) -> NaiveDateTime {
    let local = text
        .strip_suffix("+08:00")
        .unwrap_or_else(|| panic!("{text} is not in +08:00"));
    NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S").expect("RFC 3339 time")
}

/// The browser clock as a China Standard Time wall clock.
fn now_in_china() -> NaiveDateTime {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64)
        .expect("clock")
        .naive_utc()
        + Duration::hours(8)
}

// ---------------------------------------------------------------------------------------
// Fields

#[wasm_bindgen_test]
async fn a_wrong_resident_id_shows_its_error_after_blur_and_clears_when_corrected() {
    let w = Widget::mount(no_storage()).await;
    w.open("subject").await;
    choose(&w.select("subject.kind").await, "individual");
    let number = w.input("subject.certificate.number").await;

    type_into(&number, "110105194912310021");
    sleep(50).await;
    assert!(
        query(&w.host, ".icpf-error-message").is_none(),
        "no error before the field is left"
    );
    assert_eq!(number.get_attribute("aria-invalid"), None);

    leave(&number);
    let error = find(&w.host, ".icpf-error-message").await;
    let message = text(&error);
    assert!(
        message.starts_with("错误："),
        "visually hidden prefix: {message}"
    );
    assert!(message.contains("居民身份证号码校验位不正确"), "{message}");
    let prefix = find(&w.host, ".icpf-error-message .icpf-visually-hidden").await;
    assert_eq!(text(&prefix), "错误：");
    assert_eq!(
        number.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = number.get_attribute("aria-describedby").unwrap_or_default();
    let issues_id = format!("{}-issues", number.id());
    assert!(
        described.split(' ').any(|id| id == issues_id),
        "{described}"
    );
    assert!(document().get_element_by_id(&issues_id).is_some());

    // A field that has shown an error re-validates as the filer types.
    type_into(&number, "11010519491231002x");
    until("the error disappears", || {
        query(&w.host, ".icpf-error-message").is_none()
    })
    .await;
    assert_eq!(number.get_attribute("aria-invalid"), None);

    leave(&number);
    until("the value is shown normalised", || {
        number.value() == "11010519491231002X"
    })
    .await;

    let host = w.host.clone();
    let mut w = w;
    w.unmount();
    assert_eq!(
        host.child_element_count(),
        0,
        "destroy removes the widget's DOM"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn an_enterprise_gets_credit_code_checks_in_english() {
    let mut options = no_storage();
    options["locale"] = json!("en");
    let w = Widget::mount(options).await;
    w.open("subject").await;
    choose(&w.select("subject.kind").await, "enterprise");
    let certificate_type = w.select("subject.certificate.type").await;
    until("the credit code is preselected", || {
        certificate_type.value() == "uscc"
    })
    .await;

    let number = w.input("subject.certificate.number").await;
    type_into(&number, "91350100MO00100Y43");
    leave(&number);
    let error = find(&w.host, ".icpf-error-message").await;
    let message = text(&error);
    assert!(message.starts_with("Error: "), "{message}");
    assert!(message.contains("Character 10 (“O”)"), "{message}");
    w.destroy();
}

#[wasm_bindgen_test]
fn mounting_on_a_selector_that_matches_nothing_is_an_error() {
    let result = mount(JsValue::from_str("#no-such-element"), js(&no_storage()));
    assert!(result.is_err());
}

#[wasm_bindgen_test]
async fn two_widgets_on_one_page_are_independent() {
    let first = Widget::mount(no_storage()).await;
    let second = Widget::mount(no_storage()).await;
    assert_ne!(
        first.prefix, second.prefix,
        "element ids are unique per widget"
    );
    first.open("subject").await;
    second.open("subject").await;
    choose(&first.select("subject.kind").await, "enterprise");
    choose(&second.select("subject.kind").await, "enterprise");

    let first_name = first.input("subject.name").await;
    let second_name = second.input("subject.name").await;
    type_into(&first_name, "甲");
    leave(&first_name);
    sleep(50).await;
    assert_eq!(second_name.value(), "");
    assert_eq!(first.status("subject"), "inProgress");
    second.open("basics").await;
    assert!(
        first.heading().starts_with("2/4"),
        "navigating one widget leaves the other where it was"
    );

    let second_host = second.host.clone();
    first.destroy();
    assert_eq!(
        second_host.child_element_count(),
        1,
        "destroying one leaves the other"
    );
    second.destroy();
}

// ---------------------------------------------------------------------------------------
// Sections and the task list

#[wasm_bindgen_test]
async fn continuing_moves_through_the_sections_and_the_task_list_follows() {
    let w = Widget::mount(no_storage()).await;
    for section in ["basics", "subject", "services", "review"] {
        assert_eq!(w.status(section), "notStarted", "{section}");
    }
    assert!(w.heading().starts_with("1/4"), "{}", w.heading());
    assert!(w.heading().contains("备案类型与地区"), "{}", w.heading());
    assert_eq!(text(&w.submit_button()), "保存并继续");

    click(&w.by_id(&w.id("filingType")).await);
    w.until_status("basics", "inProgress").await;

    // Continue with the province missing: the page stays, the summary takes focus.
    w.press_continue();
    w.until_summary_focused().await;
    assert!(w.heading().starts_with("1/4"), "stays on the section");
    w.until_status("basics", "hasProblems").await;
    let links = w.summary_links();
    assert_eq!(
        links,
        vec![(w.id("province"), "请选择备案省份".to_owned())],
        "every error of the section, in the inline message's words"
    );
    assert_eq!(
        w.inline_messages(&w.id("province"), "icpf-error-message"),
        vec!["错误：请选择备案省份".to_owned()]
    );
    let province = w.select("province").await;
    assert_eq!(
        province.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );

    w.follow_summary_link("请选择备案省份");
    let province_id = w.id("province");
    until("the province select has focus", || {
        active_id() == province_id
    })
    .await;

    choose(&province, "110000");
    w.until_status("basics", "complete").await;
    until("the summary goes once nothing is wrong", || {
        w.summary().is_none()
    })
    .await;

    // A valid section moves on, with focus on the new page's heading.
    w.press_continue();
    w.until_step(2).await;
    let heading_id = w.heading_id();
    until("the heading has focus", || active_id() == heading_id).await;
    assert!(w.heading().contains("主办者信息"), "{}", w.heading());
    assert_eq!(w.status("subject"), "notStarted");
    assert_eq!(w.status("basics"), "complete");
    let current = query(&w.host, "button[aria-current=step]").expect("current task");
    assert_eq!(
        current.get_attribute("data-section").as_deref(),
        Some("subject")
    );

    choose(&w.select("subject.kind").await, "enterprise");
    w.until_status("subject", "inProgress").await;
    w.press_continue();
    w.until_summary_focused().await;
    assert!(w.heading().starts_with("2/4"));
    w.until_status("subject", "hasProblems").await;
    let links = w.summary_links();
    assert!(links.len() > 10, "{links:?}");
    for (target, message) in &links {
        // The summary says whose field it is (主体负责人 · …); the field itself needs not.
        let at_field = message.strip_prefix("主体负责人 · ").unwrap_or(message);
        assert_eq!(
            message != at_field,
            // (`subject-principalIsLegalRepresentative` is the subject's own question.)
            target.contains("subject-principal-"),
            "{message:?} names the principal exactly when it is the principal's field"
        );
        assert!(
            w.inline_messages(target, "icpf-error-message")
                .contains(&format!("错误：{at_field}")),
            "the summary's {message:?} is shown at #{target}"
        );
    }
    let name_id = w.id("subject.name");
    w.follow_summary_link("请填写主办单位名称");
    until("the name field has focus", || active_id() == name_id).await;

    // The address selects cascade over the lazily loaded region data.
    let city = w.select("subject.address.city").await;
    choose(&w.select("subject.address.province").await, "440000");
    until("the cities of Guangdong are offered", || {
        !city.disabled() && city.inner_html().contains("value=\"440300\"")
    })
    .await;
    choose(&city, "440300");
    let district = w.select("subject.address.district").await;
    until("the districts of Shenzhen are offered", || {
        !district.disabled() && district.inner_html().contains("value=\"440305\"")
    })
    .await;

    // The task list opens any section; focus goes to its heading.
    w.open("review").await;
    until("the heading has focus", || active_id() == heading_id).await;
    assert!(w.heading().contains("核对信息"), "{}", w.heading());
    assert_eq!(text(&w.submit_button()), "提交备案");
    assert_eq!(w.status("review"), "inProgress");
    assert_eq!(w.status("services"), "notStarted");
    w.open("basics").await;
    until("the heading has focus", || active_id() == heading_id).await;
    assert_eq!(text(&w.submit_button()), "保存并继续");
    assert_eq!(w.select("province").await.value(), "110000");
    w.destroy();
}

#[wasm_bindgen_test]
async fn the_check_page_summary_and_change_links_open_fields_in_other_sections() {
    let mut filing = fixture("enterprise-guangdong-two-websites");
    filing["subject"]["principal"]["mobile"] = json!("1360000111");
    let mut options = no_storage();
    options["filing"] = filing;
    let w = Widget::mount(options).await;

    w.open("review").await;
    w.press_continue();
    w.until_summary_focused().await;
    assert!(
        w.heading().starts_with("4/4"),
        "a failed submit stays on the check page"
    );
    w.until_status("review", "hasProblems").await;
    let mobile_id = w.id("subject.principal.mobile");
    let links = w.summary_links();
    assert_eq!(links.len(), 1, "{links:?}");
    let (target, message) = links[0].clone();
    assert_eq!(target, mobile_id);
    assert!(message.contains("手机号码"), "{message}");
    // Several persons have a mobile number: the summary says whose it is.
    let at_field = message
        .strip_prefix("主体负责人 · ")
        .unwrap_or_else(|| panic!("{message} names the principal"))
        .to_owned();
    assert!(
        query(&w.host, ".icpf-notice-error").is_none(),
        "nothing was sent"
    );

    w.follow_summary_link(&message);
    w.until_step(2).await;
    until("the mobile field has focus", || active_id() == mobile_id).await;
    assert_eq!(
        w.inline_messages(&mobile_id, "icpf-error-message"),
        vec![format!("错误：{at_field}")]
    );
    let mobile = w.input("subject.principal.mobile").await;
    assert_eq!(
        mobile.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );

    // Correcting the field clears the problem; the check page's change links lead back.
    type_into(&mobile, "13600001111");
    until("the error disappears", || {
        w.inline_messages(&mobile_id, "icpf-error-message")
            .is_empty()
    })
    .await;
    w.open("review").await;
    assert!(w.summary().is_none(), "{:?}", w.summary_links());
    let name_id = w.id("subject.name");
    let change = query_all(&w.host, ".icpf-answer-change a")
        .into_iter()
        .find(|a| a.get_attribute("href").as_deref() == Some(format!("#{name_id}").as_str()))
        .expect("a change link for the subject name");
    assert!(text(&change).starts_with("修改"));
    click(&change);
    w.until_step(2).await;
    until("the name field has focus", || active_id() == name_id).await;
    w.destroy();
}

// The city and district selects stay focusable before a province (city) is chosen, so the
// summary links for 请选择城市 / 请选择区县 move focus.
#[wasm_bindgen_test]
async fn every_summary_link_of_a_units_subject_page_moves_focus_to_its_field() {
    let w = Widget::mount(no_storage()).await;
    w.open("subject").await;
    choose(&w.select("subject.kind").await, "enterprise");
    w.until_status("subject", "inProgress").await;
    w.press_continue();
    w.until_summary_focused().await;
    let links = w.summary_links();
    assert!(links.len() > 10, "{links:?}");
    for (target, message) in &links {
        w.follow_summary_link(message);
        until(&format!("#{target} has focus"), || active_id() == *target).await;
    }
    w.destroy();
}

// For an individual the principal is the filer: issues of the principal's name and
// certificate link to the subject's fields.
#[wasm_bindgen_test]
async fn an_individuals_summary_lists_only_problems_of_controls_on_the_page() {
    let w = Widget::mount(no_storage()).await;
    w.open("subject").await;
    choose(&w.select("subject.kind").await, "individual");
    w.until_status("subject", "inProgress").await;
    w.press_continue();
    w.until_summary_focused().await;
    let links = w.summary_links();
    for (target, message) in &links {
        assert!(
            document().get_element_by_id(target).is_some(),
            "the summary's {message:?} links to #{target}, which is not on the page: {links:?}"
        );
    }
    w.destroy();
}

// ---------------------------------------------------------------------------------------
// Warnings

#[wasm_bindgen_test]
async fn a_warning_blocks_submission_until_it_is_confirmed() {
    const KEY: &str = "icp-filing-test:warning";
    const ACK: &str = "address.no_house_number@subject.address.detail";
    const MESSAGE: &str = "详细地址应写到门牌号；如没有门牌号，请在备注中说明";
    forget(KEY);
    let mut filing = fixture("enterprise-guangdong-two-websites");
    filing["subject"]["address"]["detail"] = json!("科技中一路腾讯大厦");
    // The only warning: the second site named the way Guangdong asks, nothing confirmed yet.
    filing["websites"][1]["name"] = json!("腾讯开发者文档官网");
    filing["acknowledgedWarnings"] = json!([]);
    let mut options = local_draft(KEY);
    options["filing"] = filing;
    let w = Widget::mount(options).await;

    // On its section the warning shows after blur but does not stop the filer.
    w.open("subject").await;
    let detail = w.input("subject.address.detail").await;
    leave(&detail);
    let detail_id = detail.id();
    until("the warning shows", || {
        w.inline_messages(&detail_id, "icpf-warning-message") == [format!("提示：{MESSAGE}")]
    })
    .await;
    assert_eq!(detail.get_attribute("aria-invalid"), None);
    w.press_continue();
    w.until_step(3).await;
    assert_eq!(w.status("subject"), "complete");

    // On the check page it blocks until confirmed.
    w.open("review").await;
    let item = find(&w.host, ".icpf-warning-list .icpf-warning-message").await;
    assert!(text(&item).contains(MESSAGE), "{}", text(&item));
    let confirm = find(&w.host, ".icpf-warning-list input[type=checkbox]").await;
    w.press_continue();
    w.until_summary_focused().await;
    assert_eq!(w.summary_links().len(), 1, "{:?}", w.summary_links());
    assert_eq!(w.summary_links()[0].1, format!("请确认：{MESSAGE}"));
    assert!(w.heading().starts_with("4/4"));
    assert!(
        query(&w.host, ".icpf-notice-error").is_none(),
        "nothing was sent"
    );
    let acks = |draft: Option<Value>| draft.map(|d| d["filing"]["acknowledgedWarnings"].clone());
    let before = acks(stored_json(KEY));
    assert!(
        before.is_none() || before == Some(json!([])),
        "nothing confirmed yet: {before:?}"
    );

    click(&confirm);
    until("the confirmation is saved with the draft", || {
        acks(stored_json(KEY)) == Some(json!([ACK]))
    })
    .await;
    until("the summary goes", || w.summary().is_none()).await;

    // Now the filing is sent; the test server has no endpoint, so the send fails and
    // says so, and the draft is kept.
    w.press_continue();
    let failure = find(&w.host, ".icpf-notice-error").await;
    assert!(text(&failure).contains("提交失败"), "{}", text(&failure));
    assert!(w.summary().is_none());
    assert_eq!(acks(stored_json(KEY)), Some(json!([ACK])));

    // Unticking takes the confirmation back out of the draft.
    click(&confirm);
    until("the confirmation is withdrawn", || {
        acks(stored_json(KEY)) == Some(json!([]))
    })
    .await;
    w.destroy();
    forget(KEY);
}

// ---------------------------------------------------------------------------------------
// Drafts

#[wasm_bindgen_test]
async fn a_draft_is_saved_after_typing_and_restored_on_the_next_mount() {
    const KEY: &str = "icp-filing-test:restore";
    forget(KEY);
    let w = Widget::mount(local_draft(KEY)).await;
    w.open("subject").await;
    choose(&w.select("subject.kind").await, "individual");
    let name = w.input("subject.name").await;
    forget(KEY);

    let typed_at = js_sys::Date::now();
    type_into(&name, "张三");
    sleep(100).await;
    assert_eq!(stored(KEY), None, "saving waits until typing pauses");
    until("the draft is saved", || stored(KEY).is_some()).await;
    let waited = js_sys::Date::now() - typed_at;
    assert!(waited >= 400.0, "saved after {waited} ms");

    let envelope = stored_json(KEY).expect("draft");
    assert_eq!(envelope["draftVersion"], json!(1));
    assert_eq!(envelope["section"], json!("subject"));
    assert_eq!(envelope["filing"]["subject"]["kind"], json!("individual"));
    assert_eq!(envelope["filing"]["subject"]["name"], json!("张三"));
    let saved_at = cst(envelope["savedAt"].as_str().expect("savedAt"));
    let expires_at = cst(envelope["expiresAt"].as_str().expect("expiresAt"));
    assert_eq!(expires_at - saved_at, Duration::days(45));
    let skew = (now_in_china() - saved_at).num_seconds().abs();
    assert!(skew < 120, "savedAt {saved_at} is the current Beijing time");

    // Hiding the page saves at once what the debounce still holds.
    type_into(&name, "张三丰");
    sleep(250).await;
    let name_saved = || stored_json(KEY).expect("draft")["filing"]["subject"]["name"].clone();
    assert_eq!(name_saved(), json!("张三"), "the autosave has not run yet");
    let pagehide = web_sys::Event::new("pagehide").expect("event");
    web_sys::window()
        .expect("window")
        .dispatch_event(&pagehide)
        .expect("dispatch");
    assert_eq!(name_saved(), json!("张三丰"));
    let envelope = stored_json(KEY).expect("draft");
    let saved_at = cst(envelope["savedAt"].as_str().expect("savedAt"));
    w.destroy();

    let w = Widget::mount(local_draft(KEY)).await;
    let notice = find(&w.host, ".icpf-notice").await;
    let when = saved_at.format("%Y-%m-%d %H:%M").to_string();
    assert!(
        text(&notice).contains(&format!("已恢复 {when} 保存的草稿")),
        "{}",
        text(&notice)
    );
    assert!(notice.class_name().contains("icpf-notice-info"));
    assert!(!text(&notice).contains("45天"), "{}", text(&notice));
    assert!(
        w.heading().starts_with("2/4"),
        "reopens where the filer was"
    );
    assert_eq!(w.input("subject.name").await.value(), "张三丰");
    assert_eq!(w.select("subject.kind").await.value(), "individual");

    let keep = query_all(&notice, "button")
        .into_iter()
        .find(|b| text(b) == "继续填写")
        .expect("继续填写");
    click(&keep);
    until("the notice goes", || {
        query(&w.host, ".icpf-notice").is_none()
    })
    .await;
    assert!(stored(KEY).is_some(), "continuing keeps the draft");
    w.destroy();
    forget(KEY);
}

#[wasm_bindgen_test]
async fn an_expired_draft_is_deleted_and_the_filer_is_told_why() {
    const KEY: &str = "icp-filing-test:expired";
    const OTHER: &str = "icp-filing-test:expired-other-account";
    const HOSTS_OWN: &str = "icp-filing-test:hosts-own";
    let envelope = json!({
        "draftVersion": 1,
        "savedAt": "2020-01-01T09:30:00+08:00",
        "expiresAt": "2020-02-15T09:30:00+08:00",
        "section": "subject",
        "filing": {
            "schemaVersion": 1,
            "filingType": "first",
            "province": "110000",
            "subject": {"kind": "individual", "name": "李四"}
        }
    });
    let storage = local_storage();
    storage
        .set_item(KEY, &envelope.to_string())
        .expect("setItem");
    // Another account's expired draft, and a host's own entry that looks like a filing.
    storage
        .set_item(OTHER, &envelope.to_string())
        .expect("setItem");
    storage
        .set_item(HOSTS_OWN, &envelope["filing"].to_string())
        .expect("setItem");
    let w = Widget::mount(local_draft(KEY)).await;

    let notice = find(&w.host, ".icpf-notice").await;
    assert!(
        text(&notice).contains("2020-01-01 09:30 保存的草稿已超过45天"),
        "{}",
        text(&notice)
    );
    assert!(
        text(&notice).contains("已从本浏览器删除"),
        "{}",
        text(&notice)
    );
    assert!(notice.class_name().contains("icpf-notice-warning"));
    assert_eq!(stored(KEY), None, "deleted, not offered");
    assert_eq!(
        stored(OTHER),
        None,
        "expired drafts under other keys go too"
    );
    assert!(
        stored(HOSTS_OWN).is_some(),
        "what the widget did not write stays"
    );
    w.until_step(1).await;
    assert_eq!(w.select("province").await.value(), "");
    w.open("subject").await;
    assert_eq!(
        w.select("subject.kind").await.value(),
        "",
        "nothing of it restored"
    );

    let ok = query_all(&notice, "button")
        .into_iter()
        .find(|b| text(b) == "知道了")
        .expect("知道了");
    click(&ok);
    until("the notice goes", || {
        query(&w.host, ".icpf-notice").is_none()
    })
    .await;
    let mut w = w;
    w.unmount();
    assert_eq!(stored(KEY), None, "unmounting writes nothing back");
    w.destroy();
    forget(HOSTS_OWN);
}

#[wasm_bindgen_test]
async fn clear_drafts_removes_every_draft_the_widget_wrote_and_nothing_else() {
    const A: &str = "icp-filing-test:account-a";
    const B: &str = "icp-filing-test:account-b";
    const HOSTS_OWN: &str = "icp-filing-test:not-a-draft";
    forget(A);
    forget(B);
    local_storage()
        .set_item(HOSTS_OWN, "{\"theme\":\"dark\"}")
        .expect("setItem");
    let session = web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .expect("sessionStorage");
    let mut options_b = local_draft(B);
    options_b["storage"] = json!("session");
    let a = Widget::mount(local_draft(A)).await;
    let b = Widget::mount(options_b).await;
    for w in [&a, &b] {
        w.open("subject").await;
        choose(&w.select("subject.kind").await, "individual");
    }
    until("both drafts are saved", || {
        stored(A).is_some() && session.get_item(B).ok().flatten().is_some()
    })
    .await;
    // An edit the autosave has not written yet must not come back after the sign-out.
    let name = a.input("subject.name").await;
    type_into(&name, "王小明");
    sleep(50).await;

    let removed = icp_filing::web::clear_drafts();
    assert_eq!(removed, 2);
    assert_eq!(stored(A), None);
    assert_eq!(session.get_item(B).ok().flatten(), None);
    assert_eq!(stored(HOSTS_OWN).as_deref(), Some("{\"theme\":\"dark\"}"));
    sleep(700).await;
    let mut a = a;
    a.unmount();
    assert_eq!(stored(A), None, "the pending autosave was dropped");
    a.destroy();
    b.destroy();
    forget(HOSTS_OWN);
}

// ---------------------------------------------------------------------------------------
// Locale

#[wasm_bindgen_test]
async fn switching_to_english_remounts_with_the_draft() {
    const KEY: &str = "icp-filing-test:locale";
    forget(KEY);
    let mut w = Widget::mount(local_draft(KEY)).await;
    w.open("subject").await;
    choose(&w.select("subject.kind").await, "enterprise");
    assert_eq!(w.label("subject.name").await, "主办单位名称");
    let name = w.input("subject.name").await;
    type_into(&name, "福州测试科技有限公司");
    let number = w.input("subject.certificate.number").await;
    forget(KEY);
    type_into(&number, "91350100MO00100Y43");

    // Unmounting before the debounce has run saves the pending draft. (The 250 ms timer
    // is due before the autosave timer, which starts when the edit has rendered.)
    sleep(250).await;
    assert_eq!(stored(KEY), None, "the autosave has not run yet");
    w.unmount();
    until("the pending draft is saved on unmount", || {
        stored(KEY).is_some()
    })
    .await;
    w.destroy();

    let mut options = local_draft(KEY);
    options["locale"] = json!("en");
    let w = Widget::mount(options).await;
    let notice = find(&w.host, ".icpf-notice").await;
    assert!(
        text(&notice).contains("Restored the draft saved at"),
        "{}",
        text(&notice)
    );
    assert!(w.heading().starts_with("2/4"));
    assert!(w.heading().contains("Subject"), "{}", w.heading());
    assert!(
        w.task_text("basics")
            .starts_with("1. Filing type and province"),
        "{}",
        w.task_text("basics")
    );
    assert_eq!(w.label("subject.name").await, "Subject name");
    assert_eq!(
        w.input("subject.name").await.value(),
        "福州测试科技有限公司"
    );
    assert_eq!(
        w.input("subject.certificate.number").await.value(),
        "91350100MO00100Y43"
    );
    assert_eq!(text(&w.submit_button()), "Save and continue");

    w.press_continue();
    let summary = w.until_summary_focused().await;
    assert!(
        text(&summary).starts_with("There is a problem"),
        "{}",
        text(&summary)
    );
    let number_id = w.id("subject.certificate.number");
    let messages = w.inline_messages(&number_id, "icpf-error-message");
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("Error: ") && m.contains("Character 10 (“O”)")),
        "{messages:?}"
    );
    w.destroy();
    forget(KEY);
}
