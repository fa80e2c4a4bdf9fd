//! The check page (核对信息): every answer with a change link, the warnings each with its
//! confirmation, the materials to prepare, and the estimated timeline. The form's button
//! submits.

use chrono::NaiveDateTime;
use yew::prelude::*;

use super::fields::{acknowledge_box, radio_id};
use super::sections::{capitalized, change_scope_name, filing_type_name, province_options};
use super::timeline::EstimateView;
use super::{focus_path_soon, focus_soon, submit_button_id, use_form, FormCtx, RegionData};
use crate::form::Section;
use crate::materials::{material_text, materials};
use crate::messages::{certificate_type_name, subject_kind_name, ui, Locale};
use crate::model::{ChangeScope, Filing, FilingType, Person, SubjectKind};
use crate::regions::Regions;
use crate::report::Issue;
use crate::report::Severity;
use crate::ruledata::RuleData;

#[derive(Properties, PartialEq)]
pub struct ReviewPageProps {
    /// Opens a section (a change link).
    pub on_change: Callback<Section>,
    pub now: NaiveDateTime,
}

/// One answer: where it is edited, its label and the value as the filer will see it.
struct Answer {
    path: String,
    label: String,
    value: String,
}

fn answer(path: impl Into<String>, label: &str, value: impl Into<String>) -> Answer {
    Answer {
        path: path.into(),
        label: label.to_owned(),
        value: value.into(),
    }
}

/// A person's rows; `identity` adds the name and certificate number.
/// A certificate's validity as the form shows it: the date, or 长期有效.
fn validity_text(valid_until: &str, locale: Locale) -> String {
    if valid_until == "longTerm" {
        ui("certificate.validity.longTerm", locale).to_owned()
    } else {
        valid_until.to_owned()
    }
}

fn person_answers(
    base: &str,
    p: &Person,
    heading: &str,
    identity: bool,
    locale: Locale,
) -> Vec<Answer> {
    let mut rows = Vec::new();
    if identity {
        let row = |field: &str, key: &str, value: String| {
            answer(
                format!("{base}.{field}"),
                &format!("{heading} · {}", ui(key, locale)),
                value,
            )
        };
        rows.extend([
            row("name", "person.name.label", p.name.clone()),
            row(
                "certificate.type",
                "certificate.type.label",
                p.certificate
                    .kind
                    .map(|t| capitalized(certificate_type_name(t, locale)))
                    .unwrap_or_default(),
            ),
            row(
                "certificate.number",
                "certificate.number.label",
                p.certificate.number.clone(),
            ),
            row(
                "certificate.validUntil",
                "certificate.validity.label",
                validity_text(&p.certificate.valid_until, locale),
            ),
        ]);
    }
    rows.extend([
        answer(
            format!("{base}.mobile"),
            &format!("{heading} · {}", ui("mobile.label", locale)),
            p.mobile.clone(),
        ),
        answer(
            format!("{base}.emergencyPhone"),
            &format!("{heading} · {}", ui("emergencyPhone.label", locale)),
            p.emergency_phone.clone(),
        ),
        answer(
            format!("{base}.email"),
            &format!("{heading} · {}", ui("email.label", locale)),
            p.email.clone(),
        ),
    ]);
    if !p.office_phone.is_empty() {
        rows.push(answer(
            format!("{base}.officePhone"),
            &format!("{heading} · {}", ui("officePhone.label", locale)),
            p.office_phone.clone(),
        ));
    }
    rows
}

fn catalogue_names(data: &RuleData, slugs: &[String], locale: Locale, service: bool) -> String {
    slugs
        .iter()
        .map(|s| {
            if service {
                data.service_content(s).map(|c| c.name(locale).to_string())
            } else {
                data.language(s).map(|l| l.name(locale).to_string())
            }
            .unwrap_or_else(|| s.clone())
        })
        .collect::<Vec<_>>()
        .join(locale.choose("、", ", "))
}

/// What websites and APPs share, for the check page.
struct CommonAnswers<'a> {
    domains: &'a [String],
    homepage: Option<&'a str>,
    service_content: &'a [String],
    languages: &'a [String],
    pre_approvals: &'a [crate::model::PreApproval],
    responsible: &'a crate::model::Person,
    remark: &'a str,
}

/// What the change's answer to 变更内容 misses of what it changes (or that it is not
/// answered): the answer decides who gets the MIIT SMS. A link leads to the question.
fn scope_notice(
    approved: &Filing,
    now: &Filing,
    locale: Locale,
    ctx: &FormCtx,
    on_change: &Callback<Section>,
) -> Html {
    let changed = crate::aftercare::changed_scope(approved, now);
    // What is said, and the answer to give, where the link lands.
    let (text, suggested) = match (now.change_scope, changed) {
        (None, None) => (
            ui("review.scope.missing", locale).to_owned(),
            ChangeScope::Subject,
        ),
        (None, Some(changed)) => (
            ui("review.scope.missingSuggest", locale)
                .replace("{what}", scope_data_name(changed, locale))
                .replace("{scope}", change_scope_name(changed, locale)),
            changed,
        ),
        (Some(chosen), Some(changed)) if !chosen.covers(changed) => {
            let suggested = chosen.with(changed);
            (
                ui("review.scope.mismatch", locale)
                    .replace("{chosen}", change_scope_name(chosen, locale))
                    .replace("{what}", scope_data_name(changed, locale))
                    .replace("{scope}", change_scope_name(suggested, locale)),
                suggested,
            )
        }
        _ => return html! {},
    };
    let index = ChangeScope::ALL.iter().position(|s| *s == suggested);
    let target = radio_id(&ctx.id("changeScope"), index.unwrap_or(0), suggested.slug());
    let go = {
        let on_change = on_change.clone();
        let target = target.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_change.emit(Section::Basics);
            focus_soon(target.clone());
        })
    };
    html! {
        <p class="icpf-notice icpf-notice-warning icpf-scope-notice">
            { text }{ " " }
            <a href={format!("#{target}")} onclick={go}>{ ui("review.scope.change", locale) }</a>
        </p>
    }
}

/// The data a change of `scope` changes, as a sentence names it.
fn scope_data_name(scope: ChangeScope, locale: Locale) -> &'static str {
    match scope {
        ChangeScope::Subject => locale.pick("主体信息", "the subject's data"),
        ChangeScope::Services => locale.pick("网站或APP信息", "a website's or APP's data"),
        ChangeScope::Both => locale.pick(
            "主体和网站或APP信息",
            "the subject's and a website's or APP's data",
        ),
    }
}

/// A change filing's check page starts with what differs from the approved filing, answer
/// by answer: `before → after`.
fn changes(
    approved: &Filing,
    now: &Filing,
    locale: Locale,
    regions: Option<&Regions>,
    rules: &RuleData,
) -> Html {
    let flat = |f: &Filing| -> Vec<Answer> {
        answers(f, locale, regions, rules)
            .into_iter()
            .flat_map(|(_, rows)| rows)
            // The filing type and number always differ: a change names the approved filing.
            // What it changes is the change's own answer, and the numbers name what is
            // changed (a change fills in the services' numbers the approval gave): neither is
            // filed data that changes.
            .filter(|a| {
                !matches!(a.path.as_str(), "filingType" | "changeScope")
                    && !a.path.ends_with("filingNumber")
            })
            .collect()
    };
    let (mut before, mut after) = (flat(approved), flat(now));
    // A website or APP only one side has is one line (「网站 3（新增）」 and its name), not a
    // line for each of its fields.
    let services = [
        (
            "websites",
            "website.title",
            approved.websites.len(),
            now.websites.len(),
        ),
        ("apps", "app.title", approved.apps.len(), now.apps.len()),
    ];
    for (list, title, was, is) in services {
        for i in was.min(is)..was.max(is) {
            let prefix = format!("{list}[{i}]");
            let inside = |a: &Answer| {
                a.path
                    .strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            };
            let added = i >= was;
            let rows = if added { &mut after } else { &mut before };
            let name_path = format!("{prefix}.name");
            let name = rows
                .iter()
                .find(|a| a.path == name_path)
                .map(|a| a.value.trim())
                .filter(|name| !name.is_empty())
                .unwrap_or(ui("review.unnamed", locale))
                .to_owned();
            rows.retain(|a| !inside(a));
            let state = ui(
                if added {
                    "review.added"
                } else {
                    "review.removed"
                },
                locale,
            );
            rows.push(answer(
                name_path,
                &format!("{} {}{state}", ui(title, locale), i + 1),
                name,
            ));
        }
    }
    let value = |rows: &[Answer], label: &str| {
        rows.iter()
            .find(|a| a.label == label)
            .map_or_else(String::new, |a| a.value.clone())
    };
    let mut labels: Vec<&str> = after.iter().map(|a| a.label.as_str()).collect();
    labels.extend(
        before
            .iter()
            .map(|a| a.label.as_str())
            .filter(|l| !after.iter().any(|a| a.label == *l)),
    );
    let empty = ui("review.empty", locale);
    let rows: Vec<Html> = labels
        .into_iter()
        .filter_map(|label| {
            let (was, is) = (value(&before, label), value(&after, label));
            let show = |v: &str| {
                if v.trim().is_empty() {
                    empty.to_owned()
                } else {
                    v.to_owned()
                }
            };
            (was != is).then(|| {
                html! {
                    <div class="icpf-answer">
                        <dt>{ label }</dt>
                        <dd><del lang={locale.part_lang(&was)}>{ show(&was) }</del>{ " → " }<ins lang={locale.part_lang(&is)}>{ show(&is) }</ins></dd>
                    </div>
                }
            })
        })
        .collect();
    html! {
        <section class="icpf-review-block icpf-changes">
            <h3 class="icpf-subheading">{ ui("review.changes", locale) }</h3>
            if rows.is_empty() {
                <p class="icpf-hint">{ ui("review.noChanges", locale) }</p>
            } else {
                <dl class="icpf-answers">{ for rows }</dl>
            }
        </section>
    }
}

/// The answers of each section, in form order; catalogue and province names from `rules`.
#[inline(never)]
fn answers(
    d: &Filing,
    locale: Locale,
    regions: Option<&Regions>,
    rules: &RuleData,
) -> Vec<(Section, Vec<Answer>)> {
    let province = |code: &str| {
        province_options(rules, locale)
            .into_iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n)
            .unwrap_or_else(|| code.to_owned())
    };
    let mut basics = vec![answer(
        "filingType",
        ui("filingType.label", locale),
        d.filing_type
            .map(|t| filing_type_name(t, locale))
            .unwrap_or(""),
    )];
    if d.filing_type == Some(FilingType::Change) {
        basics.push(answer(
            "changeScope",
            ui("changeScope.label", locale),
            d.change_scope
                .map_or("", |scope| change_scope_name(scope, locale)),
        ));
    }
    basics.push(answer(
        "province",
        ui("province.label", locale),
        province(&d.province),
    ));
    if !d.filing_number.is_empty() {
        basics.push(answer(
            "filingNumber",
            ui("filingNumber.label", locale),
            d.filing_number.clone(),
        ));
    }
    let s = &d.subject;
    let individual = s.kind == Some(SubjectKind::Individual);
    let deepest = [&s.address.district, &s.address.city, &s.address.province]
        .into_iter()
        .find(|c| !c.is_empty());
    let address = match (deepest, regions) {
        (Some(code), Some(r)) => r.full_name(code).unwrap_or_else(|| code.clone()),
        (Some(code), None) => code.clone(),
        (None, _) => String::new(),
    };
    let mut subject = vec![
        answer(
            "subject.kind",
            ui("kind.legend", locale),
            s.kind
                .map(|k| capitalized(subject_kind_name(k, locale)))
                .unwrap_or_default(),
        ),
        answer(
            "subject.name",
            ui(
                if individual {
                    "name.label.individual"
                } else {
                    "name.label.unit"
                },
                locale,
            ),
            s.name.clone(),
        ),
        answer(
            "subject.certificate.type",
            ui("certificate.type.label", locale),
            s.certificate
                .kind
                .map(|t| capitalized(certificate_type_name(t, locale)))
                .unwrap_or_default(),
        ),
        answer(
            "subject.certificate.number",
            ui("certificate.number.label", locale),
            s.certificate.number.clone(),
        ),
        answer(
            "subject.certificate.validUntil",
            ui("certificate.validity.label", locale),
            validity_text(&s.certificate.valid_until, locale),
        ),
        answer(
            "subject.certificateAddress",
            ui("certificateAddress.label", locale),
            s.certificate_address.clone(),
        ),
        answer(
            "subject.address.district",
            ui("address.legend", locale),
            format!("{address} {}", s.address.detail),
        ),
    ];
    // Asked before the principal's details, as on the form.
    if let Some(legal_rep) = s.principal_is_legal_representative.filter(|_| !individual) {
        subject.push(answer(
            "subject.principalIsLegalRepresentative",
            ui("legalRep.label", locale),
            ui(if legal_rep { "yes" } else { "no" }, locale).to_owned(),
        ));
        if !legal_rep {
            let rep = &s.legal_representative;
            let legend = ui("certificate.legend.legalRepresentative", locale);
            subject.extend([
                answer(
                    "subject.legalRepresentative.name",
                    ui("legalRepresentative.name.label", locale),
                    rep.name.clone(),
                ),
                answer(
                    "subject.legalRepresentative.certificate.type",
                    &format!("{legend} · {}", ui("certificate.type.label", locale)),
                    rep.certificate
                        .kind
                        .map(|t| capitalized(certificate_type_name(t, locale)))
                        .unwrap_or_default(),
                ),
                answer(
                    "subject.legalRepresentative.certificate.number",
                    &format!("{legend} · {}", ui("certificate.number.label", locale)),
                    rep.certificate.number.clone(),
                ),
            ]);
        }
    }
    // An individual is the principal: the name and certificate are the subject's rows above.
    subject.extend(person_answers(
        "subject.principal",
        &s.principal,
        ui(
            if individual {
                "principal.heading.individual"
            } else {
                "principal.heading"
            },
            locale,
        ),
        !individual,
        locale,
    ));
    let mut services = Vec::new();
    let sep = locale.choose("、", ", ");
    let asks_numbers = d
        .filing_type
        .is_some_and(crate::model::FilingType::concerns_filed_services);
    // Every answer a website or an APP holds, each under its own label.
    let common =
        |services: &mut Vec<Answer>, base: &str, head: &str, app: bool, c: CommonAnswers<'_>| {
            let label = |key: &str| format!("{head} · {}", ui(key, locale));
            let (domains, content, languages, responsible) = if app {
                (
                    "app.domains.label",
                    "app.serviceContent.label",
                    "app.languages.label",
                    "app.responsible.heading",
                )
            } else {
                (
                    "domains.label",
                    "serviceContent.label",
                    "languages.label",
                    "responsible.heading",
                )
            };
            services.push(answer(
                format!("{base}.domains"),
                &label(domains),
                c.domains.join(sep),
            ));
            if let Some(homepage) = c.homepage {
                services.push(answer(
                    format!("{base}.homepage"),
                    &label("homepage.label"),
                    homepage.to_owned(),
                ));
            }
            services.push(answer(
                format!("{base}.serviceContent"),
                &label(content),
                catalogue_names(rules, c.service_content, locale, true),
            ));
            services.push(answer(
                format!("{base}.languages"),
                &label(languages),
                catalogue_names(rules, c.languages, locale, false),
            ));
            if !c.pre_approvals.is_empty() {
                services.push(answer(
                    format!("{base}.preApprovals"),
                    &label("preApprovals.label"),
                    c.pre_approvals
                        .iter()
                        .map(|p| {
                            let category = rules
                                .pre_approval_category(&p.category)
                                .map_or(p.category.as_str(), |c| locale.choose(&c.zh, &c.en));
                            format!("{category} {}", p.number)
                        })
                        .collect::<Vec<_>>()
                        .join(sep),
                ));
            }
            // Every detail of the person, as the principal's: each is filed, and a change
            // filing lists any that differs.
            services.extend(person_answers(
                &format!("{base}.responsible"),
                c.responsible,
                &label(responsible),
                true,
                locale,
            ));
            services.push(answer(
                format!("{base}.remark"),
                &label("remark.label"),
                c.remark.to_owned(),
            ));
        };
    for (i, w) in d.websites.iter().enumerate() {
        let base = format!("websites[{i}]");
        let head = format!("{} {}", ui("website.title", locale), i + 1);
        services.push(answer(
            format!("{base}.name"),
            &format!("{head} · {}", ui("website.name.label", locale)),
            w.name.clone(),
        ));
        if asks_numbers {
            services.push(answer(
                format!("{base}.filingNumber"),
                &format!("{head} · {}", ui("website.filingNumber.label", locale)),
                w.filing_number.clone(),
            ));
        }
        common(
            &mut services,
            &base,
            &head,
            false,
            CommonAnswers {
                domains: &w.domains,
                homepage: Some(&w.homepage),
                service_content: &w.service_content,
                languages: &w.languages,
                pre_approvals: &w.pre_approvals,
                responsible: &w.responsible,
                remark: &w.remark,
            },
        );
    }
    for (i, a) in d.apps.iter().enumerate() {
        let base = format!("apps[{i}]");
        let head = format!("{} {}", ui("app.title", locale), i + 1);
        services.push(answer(
            format!("{base}.name"),
            &format!("{head} · {}", ui("app.name.label", locale)),
            a.name.clone(),
        ));
        if asks_numbers {
            services.push(answer(
                format!("{base}.filingNumber"),
                &format!("{head} · {}", ui("app.filingNumber.label", locale)),
                a.filing_number.clone(),
            ));
        }
        // Platforms in words (安卓, not `android`), each with its package name.
        let platform_name = |slug: &str| {
            rules
                .app_platform(slug)
                .map(|c| locale.choose(&c.zh, &c.en))
        };
        services.push(answer(
            format!("{base}.platforms"),
            &format!("{head} · {}", ui("platforms.label", locale)),
            a.platforms
                .iter()
                .map(|p| {
                    let name = platform_name(&p.platform).unwrap_or(p.platform.as_str());
                    format!("{name} {}", p.package_name).trim().to_owned()
                })
                .collect::<Vec<_>>()
                .join(sep),
        ));
        // What identifies each platform's build, as the provider checks it; each platform is
        // named as chosen (安卓, iOS), by its number until then or when two share a name.
        for (j, p) in a.platforms.iter().enumerate() {
            let chosen = platform_name(&p.platform).filter(|_| {
                a.platforms
                    .iter()
                    .filter(|q| q.platform == p.platform)
                    .count()
                    == 1
            });
            let platform = match chosen {
                Some(name) => format!("{head} · {name}"),
                None => format!("{head} · {} {}", ui("platform.label", locale), j + 1),
            };
            for (field, key, value) in [
                ("signatureMd5", "signatureMd5.label", &p.signature_md5),
                ("publicKey", "publicKey.label", &p.public_key),
                ("certSha1", "certSha1.label", &p.cert_sha1),
            ] {
                if !value.is_empty() {
                    services.push(answer(
                        format!("{base}.platforms[{j}].{field}"),
                        &format!("{platform} · {}", ui(key, locale)),
                        value.clone(),
                    ));
                }
            }
        }
        common(
            &mut services,
            &base,
            &head,
            true,
            CommonAnswers {
                domains: &a.domains,
                homepage: None,
                service_content: &a.service_content,
                languages: &a.languages,
                pre_approvals: &a.pre_approvals,
                responsible: &a.responsible,
                remark: &a.remark,
            },
        );
    }
    vec![
        (Section::Basics, basics),
        (Section::Subject, subject),
        (Section::Services, services),
    ]
}

#[component(ReviewPage)]
pub fn review_page(props: &ReviewPageProps) -> Html {
    let ctx = use_form();
    let locale = ctx.locale;
    let state = ctx.state();
    let draft = &state.draft;
    // The same warning on several paths (an individual's identity is subject, principal and
    // responsible person) is shown once; its box confirms every occurrence.
    let mut warnings: Vec<(&Issue, Vec<&Issue>)> = Vec::new();
    for issue in ctx
        .report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
    {
        match warnings
            .iter_mut()
            .find(|(w, _)| w.message == issue.message)
        {
            Some((_, all)) => all.push(issue),
            None => warnings.push((issue, vec![issue])),
        }
    }
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| ctx.want_regions());
    }
    let regions = match &*ctx.regions {
        RegionData::Loaded(r) => Some(r.clone()),
        _ => None,
    };
    let needed = materials(draft, ctx.setup.rules());
    let notes = crate::hints::province_notes(draft, ctx.setup.rules());
    let titles = ["section.basics", "section.subject", "section.services"];
    let skip_to_submit = {
        let id = submit_button_id(&ctx.prefix);
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            crate::web::browser::focus_by_id(&id);
        })
    };
    html! {
        <>
            <div class="icpf-guidance">
                <p>{ ui("review.intro", locale) }</p>
                // Every answer has its change link: a keyboard user who has checked them does
                // not Tab through them all to reach the button.
                <p><a href={format!("#{}", submit_button_id(&ctx.prefix))} onclick={skip_to_submit}>{ ui("review.skipToSubmit", locale) }</a></p>
            </div>
            if let Some(baseline) = &state.baseline {
                if draft.filing_type == Some(FilingType::Change) {
                    { changes(&baseline.filing, draft, locale, regions.as_deref(), ctx.setup.rules()) }
                    { scope_notice(&baseline.filing, draft, locale, &ctx, &props.on_change) }
                    if state.change_adds_services() {
                        <p class="icpf-notice icpf-notice-warning" role="note">{ ui("review.changeAdds", locale) }</p>
                    }
                } else {
                    <p class="icpf-notice icpf-notice-warning" role="note">
                        { ui("review.notChange", locale).replace("{number}", &baseline.filing_number) }
                    </p>
                }
            }
            { for answers(draft, locale, regions.as_deref(), ctx.setup.rules()).into_iter().zip(titles).map(|((section, rows), title)| html! {
                <section class="icpf-review-block">
                    <h3 class="icpf-subheading">{ ui(title, locale) }</h3>
                    <dl class="icpf-answers">
                        { for rows.into_iter().map(|row| {
                            let link_id = format!("{}-change", ctx.id(&row.path));
                            let change = {
                                let on_change = props.on_change.clone();
                                let prefix = ctx.prefix.to_string();
                                let (review_return, link_id) = (ctx.review_return.clone(), link_id.clone());
                                // A list of domains: its first box, not the list around it.
                                let path = if row.path.ends_with(".domains") {
                                    format!("{}[0]", row.path)
                                } else {
                                    row.path.clone()
                                };
                                Callback::from(move |e: MouseEvent| {
                                    e.prevent_default();
                                    review_return.replace(Some(link_id.clone()));
                                    on_change.emit(section);
                                    focus_path_soon(prefix.clone(), path.clone());
                                })
                            };
                            html! {
                                <div class="icpf-answer">
                                    <dt>{ row.label.clone() }</dt>
                                    <dd lang={locale.part_lang(&row.value)}>{ if row.value.trim().is_empty() { ui("review.empty", locale).to_owned() } else { row.value.clone() } }</dd>
                                    // A correction's locked answers stay as sent: no link to a
                                    // field that can't be changed. The unseen word keeps the
                                    // columns of every answer aligned.
                                    if state.locked_all(&row.path) {
                                        <dd class="icpf-answer-change icpf-answer-locked" aria-hidden="true">{ ui("review.change", locale) }</dd>
                                    } else {
                                        <dd class="icpf-answer-change">
                                            <a href={format!("#{}", ctx.id(&row.path))} id={link_id} onclick={change}>
                                                { ui("review.change", locale) }<span class="icpf-visually-hidden">{ format!(" {}", row.label) }</span>
                                            </a>
                                        </dd>
                                    }
                                </div>
                            }
                        }) }
                    </dl>
                </section>
            }) }
            if !warnings.is_empty() {
                <section class="icpf-review-block" id={ctx.id("acknowledgedWarnings")} tabindex="-1">
                    <h3 class="icpf-subheading">{ ui("review.warnings", locale) }</h3>
                    <p class="icpf-hint">{ ui("review.warnings.hint", locale) }</p>
                    <ul class="icpf-warning-list">
                        { for warnings.iter().map(|(w, all)| {
                            let keys: Vec<String> = all.iter().map(|i| i.acknowledgement_key()).collect();
                            let checked = keys.iter().all(|k| draft.acknowledged_warnings.contains(k));
                            // Two warnings at one field are told apart by their codes.
                            let id = ctx.id(&format!("review.{}.{}", w.path, w.code));
                            let message_id = format!("{id}-message");
                            let place = places(all, state, locale);
                            html! {
                                <li class="icpf-warning-message" data-code={w.code.clone()}>
                                    <p id={message_id.clone()}>
                                        <span class="icpf-visually-hidden">{ ui("prefix.warning", locale) }</span>
                                        if !place.is_empty() {
                                            <strong>{ place }</strong>{ locale.pick("：", ": ") }
                                        }
                                        { super::marked_text(&w.message, locale) }
                                    </p>
                                    { acknowledge_box(&id, &message_id, &w.code, keys, checked, ctx.store.dispatcher(), locale) }
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }
            <section class="icpf-review-block">
                <h3 class="icpf-subheading">{ ui("materials.heading", locale) }</h3>
                <p class="icpf-hint">{ ui("materials.hint", locale) }</p>
                <ul class="icpf-materials">
                    { for needed.iter().map(|m| {
                        let (title, reason) = material_text(m, locale);
                        html! { <li><strong>{ title }</strong><span class="icpf-hint">{ reason }</span></li> }
                    }) }
                </ul>
            </section>
            if !notes.is_empty() {
                <section class="icpf-review-block">
                    <h3 class="icpf-subheading">{ ui("provinceNotes.heading", locale) }</h3>
                    <p class="icpf-hint">{ ui("provinceNotes.hint", locale) }</p>
                    <ul class="icpf-materials">
                        { for notes.iter().map(|n| html! { <li>{ n.text(locale) }</li> }) }
                    </ul>
                </section>
            }
            <section class="icpf-review-block">
                <h3 class="icpf-subheading">{ ui("timeline.heading", locale) }</h3>
                <EstimateView filing_type={draft.filing_type} change_scope={draft.change_scope} subject_kind={draft.subject.kind} province={draft.province.clone()} now={props.now} {locale} setup={ctx.setup.clone()} />
            </section>
        </>
    }
}

/// Which fields the occurrences of a warning are about, where the filer changes them
/// (「网站 1 · 域名、网站 2 · 域名」, 「主体负责人 · 办公电话」): a responsible person kept
/// equal to the principal, and an individual's own details, are named as the principal's.
fn places(occurrences: &[&Issue], state: &crate::form::FormState, locale: Locale) -> String {
    let individual = state.draft.subject.kind == Some(crate::model::SubjectKind::Individual);
    let mut places: Vec<String> = Vec::new();
    for issue in occurrences {
        let control = state.control_path(&issue.path);
        let place = crate::messages::path_label_for(&control, individual, locale);
        if !place.is_empty() && !places.contains(&place) {
            places.push(place);
        }
    }
    places.join(locale.pick("、", ", "))
}
