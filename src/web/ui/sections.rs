//! The pages of the first three sections: filing type and province, the subject, and the
//! websites and APPs. Labels are the filing system's field names; each control is bound to
//! the field it edits. Choice lists (provinces, catalogues, pre-approval categories,
//! platforms) come from the rule data in effect, so a host's rule override reaches them.

use yew::prelude::*;

use super::fields::{
    Checkboxes, ConfirmButton, DomainList, Radios, SelectField, TextField, ValidityField,
};
use super::{focus_soon, use_form, FormCtx, RegionData};
use crate::form::{
    Action, AddressField, CertificateField, CertificatePath, FieldPath, ListPath, PersonField,
    PersonPath, PlatformField, PreApprovalField, Service, ServiceField, SubjectField,
};
use crate::hints::HintField;
use crate::messages::{certificate_type_name, subject_kind_name, ui, Locale};
use crate::model::{Certificate, ChangeScope, FilingType, Person, PreApproval, SubjectKind};
use crate::regions::Region;
use crate::ruledata::RuleData;
use crate::rules::allowed_certificates;

/// Upper-cases the first letter (English names in the message catalogue are lower-case and
/// ASCII; Chinese has no case). ASCII only, which keeps Unicode's case tables out of the
/// widget.
pub fn capitalized(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

fn filing_type_key(ty: FilingType) -> &'static str {
    match ty {
        FilingType::First => "filingType.first",
        FilingType::NewWebsite => "filingType.newWebsite",
        FilingType::NewAccess => "filingType.newAccess",
        FilingType::Change => "filingType.change",
    }
}

fn filing_type_hint_key(ty: FilingType) -> &'static str {
    match ty {
        FilingType::First => "filingType.first.hint",
        FilingType::NewWebsite => "filingType.newWebsite.hint",
        FilingType::NewAccess => "filingType.newAccess.hint",
        FilingType::Change => "filingType.change.hint",
    }
}

/// The name of what a change filing changes.
pub fn change_scope_name(scope: ChangeScope, locale: Locale) -> &'static str {
    ui(
        match scope {
            ChangeScope::Subject => "changeScope.subject",
            ChangeScope::Services => "changeScope.services",
            ChangeScope::Both => "changeScope.both",
        },
        locale,
    )
}

/// The filing type's display name.
pub fn filing_type_name(ty: FilingType, locale: Locale) -> &'static str {
    ui(filing_type_key(ty), locale)
}

/// `(code, name)` of the 31 provinces.
pub fn province_options(rules: &RuleData, locale: Locale) -> Vec<(String, String)> {
    rules
        .provinces()
        .iter()
        .map(|p| (p.code.to_string(), p.display_name(locale).to_string()))
        .collect()
}

/// 1. 备案类型与地区.
#[component(BasicsPage)]
pub fn basics_page() -> Html {
    let ctx = use_form();
    let locale = ctx.locale;
    let draft = &ctx.state().draft;
    let types: Vec<(String, String)> = FilingType::ALL
        .iter()
        .map(|t| {
            (
                t.slug().to_owned(),
                ui(filing_type_key(*t), locale).to_owned(),
            )
        })
        .collect();
    let type_hint = draft
        .filing_type
        .map(|t| ui(filing_type_hint_key(t), locale))
        .unwrap_or("");
    html! {
        <>
            <div class="icpf-guidance">
                <p>{ ui("basics.intro", locale) }</p>
                <details class="icpf-details">
                    <summary>{ ui("basics.need.title", locale) }</summary>
                    <ul>
                        <li>{ ui("basics.need.mainland", locale) }</li>
                        <li>{ ui("basics.need.overseas", locale) }</li>
                        <li>{ ui("basics.need.commercial", locale) }</li>
                    </ul>
                </details>
            </div>
            <Radios field={ctx.field(FieldPath::FilingType)} legend={ui("filingType.label", locale)}
                hint={type_hint} options={types}
                selected={draft.filing_type.map(|t| t.slug()).unwrap_or_default().to_owned()} />
            if draft.filing_type == Some(FilingType::Change) {
                <Radios field={ctx.field(FieldPath::ChangeScope)} legend={ui("changeScope.label", locale)}
                    hint={ui("changeScope.hint", locale)}
                    options={ChangeScope::ALL.iter().map(|s| (s.slug().to_owned(), change_scope_name(*s, locale).to_owned())).collect::<Vec<_>>()}
                    selected={draft.change_scope.map(|s| s.slug()).unwrap_or_default().to_owned()} />
            }
            <SelectField field={ctx.field(FieldPath::Province)} label={ui("province.label", locale)}
                hint={ui("province.hint", locale)} options={province_options(ctx.setup.rules(), locale)}
                selected={draft.province.clone()} />
            if draft.filing_type.is_some_and(|t| t != FilingType::First) {
                <TextField field={ctx.field(FieldPath::FilingNumber)} label={ui("filingNumber.label", locale)}
                    hint={filing_number_hint(draft.filing_type, ctx.setup.rules().province(&draft.province), locale)}
                    value={draft.filing_number.clone()} wide=true />
            }
        </>
    }
}

/// 2. 主办者信息.
#[component(SubjectPage)]
pub fn subject_page() -> Html {
    let ctx = use_form();
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| ctx.want_regions());
    }
    let locale = ctx.locale;
    let subject = &ctx.state().draft.subject;
    let kind = subject.kind;
    let individual = kind == Some(SubjectKind::Individual);
    let principal_heading = ctx.id("subject.principal.heading");
    let kinds: Vec<(String, String)> = SubjectKind::ALL
        .iter()
        .map(|k| {
            (
                k.slug().to_owned(),
                capitalized(subject_kind_name(*k, locale)),
            )
        })
        .collect();
    let (name_label, name_hint) = if individual {
        ("name.label.individual", "name.hint.individual")
    } else {
        ("name.label.unit", "name.hint.unit")
    };
    html! {
        <>
            <SelectField field={ctx.field(subject_field(SubjectField::Kind))} label={ui("kind.legend", locale)}
                hint={ui("kind.hint", locale)} options={kinds}
                selected={kind.map(|k| k.slug()).unwrap_or_default().to_owned()} />
            if kind.is_some() {
                <TextField field={ctx.field(subject_field(SubjectField::Name))} label={ui(name_label, locale)} hint={ui(name_hint, locale)}
                    value={subject.name.clone()} autocomplete={if individual { "name" } else { "organization" }} wraps={!individual} />
                <CertificateFields of={CertificatePath::Subject} kind={kind} certificate={subject.certificate.clone()}
                    legend={ui(if individual { "certificate.legend.individual" } else { "certificate.legend.unit" }, locale)} />
                <TextField field={ctx.field(subject_field(SubjectField::CertificateAddress))} label={ui("certificateAddress.label", locale)}
                    hint={ui("certificateAddress.hint", locale)} value={subject.certificate_address.clone()} wraps=true />
                <AddressFields />
                if !individual {
                    <Radios field={ctx.field(subject_field(SubjectField::PrincipalIsLegalRepresentative))}
                        legend={ui("legalRep.label", locale)} hint={ui("legalRep.hint", locale)}
                        options={vec![("true".to_owned(), ui("yes", locale).to_owned()), ("false".to_owned(), ui("no", locale).to_owned())]}
                        selected={subject.principal_is_legal_representative.map(|b| b.to_string()).unwrap_or_default()} />
                    if subject.principal_is_legal_representative == Some(false) {
                        <TextField field={ctx.field(subject_field(SubjectField::LegalRepresentativeName))}
                            label={ui("legalRepresentative.name.label", locale)} hint={ui("legalRepresentative.name.hint", locale)}
                            value={subject.legal_representative.name.clone()} />
                        <CertificateFields of={CertificatePath::LegalRepresentative} kind={None::<SubjectKind>}
                            certificate={subject.legal_representative.certificate.clone()}
                            legend={ui("certificate.legend.legalRepresentative", locale)} validity=false />
                    }
                }
                <h3 class="icpf-subheading" id={principal_heading.clone()}>{ ui(if individual { "principal.heading.individual" } else { "principal.heading" }, locale) }</h3>
                // Named by its heading: 姓名 and 手机号码 are asked again for each website's
                // responsible person, and a screen reader tells the two apart by the group.
                <div role="group" aria-labelledby={principal_heading}>
                    <PersonFields of={PersonPath::Principal} person={subject.principal.clone()}
                        identity={!individual} office_phone={!individual} />
                </div>
                <TextField field={ctx.field(subject_field(SubjectField::Remark))} label={ui("remark.label", locale)} hint={ui("remark.hint", locale)}
                    value={subject.remark.clone()} multiline=true />
            }
        </>
    }
}

/// A field of the subject.
fn subject_field(field: SubjectField) -> FieldPath {
    FieldPath::Subject(field)
}

#[derive(Properties, PartialEq)]
struct CertificateFieldsProps {
    /// The subject's certificate or a person's.
    of: CertificatePath,
    /// The subject kind whose certificate types are offered; `None` for persons.
    kind: Option<SubjectKind>,
    certificate: Certificate,
    /// Whose certificate it is (单位证件, 主体负责人证件): a unit's page has two.
    legend: AttrValue,
    /// Ask for the validity (not for the legal representative's).
    #[prop_or(true)]
    validity: bool,
}

/// Certificate type, number and validity.
#[component(CertificateFields)]
fn certificate_fields(props: &CertificateFieldsProps) -> Html {
    let ctx = use_form();
    let locale = ctx.locale;
    let field = |f| props.of.field(f);
    let types: Vec<(String, String)> =
        allowed_certificates(props.kind.unwrap_or(SubjectKind::Individual))
            .iter()
            .map(|t| {
                (
                    t.slug().to_owned(),
                    capitalized(certificate_type_name(*t, locale)),
                )
            })
            .collect();
    let c = &props.certificate;
    html! {
        <fieldset class="icpf-fieldset icpf-certificate">
            <legend class="icpf-label">{ props.legend.clone() }</legend>
            <SelectField field={ctx.field(field(CertificateField::Type))} label={ui("certificate.type.label", locale)}
                options={types} selected={c.kind.map(|t| t.slug()).unwrap_or_default().to_owned()} />
            <TextField field={ctx.field(field(CertificateField::Number))} label={ui("certificate.number.label", locale)}
                hint={ui("certificate.number.hint", locale)} value={c.number.clone()} wide=true />
            if props.validity {
                <ValidityField field={ctx.field(field(CertificateField::ValidUntil))} label={ui("certificate.validity.label", locale)}
                    value={c.valid_until.clone()} />
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct PersonFieldsProps {
    of: PersonPath,
    person: Person,
    /// Ask for name and certificate (not for an individual's principal: that is the filer).
    identity: bool,
    office_phone: bool,
}

/// A person: name and certificate, then contact details.
#[component(PersonFields)]
fn person_fields(props: &PersonFieldsProps) -> Html {
    let ctx = use_form();
    let locale = ctx.locale;
    let field = |f| props.of.field(f);
    let p = &props.person;
    html! {
        <div class="icpf-person">
            if props.identity {
                <TextField field={ctx.field(field(PersonField::Name))} label={ui("person.name.label", locale)}
                    hint={ui("person.name.hint", locale)} value={p.name.clone()} autocomplete="name" />
                <CertificateFields of={CertificatePath::Person(props.of)} kind={None::<SubjectKind>} certificate={p.certificate.clone()}
                    legend={ui(match props.of {
                        PersonPath::Principal => "certificate.legend.principal",
                        _ => "certificate.legend.responsible",
                    }, locale)} />
            }
            <TextField field={ctx.field(field(PersonField::Mobile))} label={ui("mobile.label", locale)} hint={ctx.hint_with_province("mobile.hint", HintField::Mobile)}
                value={p.mobile.clone()} input_type="tel" inputmode={AttrValue::Static("tel")} autocomplete="tel" />
            <TextField field={ctx.field(field(PersonField::EmergencyPhone))} label={ui("emergencyPhone.label", locale)}
                hint={ui("emergencyPhone.hint", locale)} value={p.emergency_phone.clone()} input_type="tel"
                inputmode={AttrValue::Static("tel")} />
            <TextField field={ctx.field(field(PersonField::Email))} label={ui("email.label", locale)} hint={ui("email.hint", locale)}
                value={p.email.clone()} input_type="email" autocomplete="email" />
            if props.office_phone {
                <TextField field={ctx.field(field(PersonField::OfficePhone))} label={ui("officePhone.label", locale)}
                    hint={ctx.hint_with_province("officePhone.hint", HintField::OfficePhone)} value={p.office_phone.clone()} input_type="tel"
                    inputmode={AttrValue::Static("tel")} />
            }
        </div>
    }
}

/// 通信地址: province → city → district from the lazily loaded GB/T 2260 data, then the
/// street address.
#[component(AddressFields)]
fn address_fields() -> Html {
    let ctx = use_form();
    let locale = ctx.locale;
    let address = &ctx.state().draft.subject.address;
    let field = |f| FieldPath::Subject(SubjectField::Address(f));
    let detail = html! {
        <TextField field={ctx.field(field(AddressField::Detail))} label={ui("address.detail.label", locale)}
            hint={ctx.hint_with_province("address.detail.hint", HintField::AddressDetail)} value={address.detail.clone()} wraps=true autocomplete="street-address" />
    };
    let (provinces, cities, districts, note) = match &*ctx.regions {
        RegionData::Loaded(regions) => (
            pairs(regions.provinces(), locale),
            regions
                .cities(&address.province)
                .map(|c| (c.code.clone(), regions.city_label(c, locale == Locale::En)))
                .collect(),
            pairs(regions.districts(&address.city), locale),
            None,
        ),
        RegionData::Failed => (
            province_options(ctx.setup.rules(), locale),
            Vec::new(),
            Vec::new(),
            Some(ui("address.unavailable", locale)),
        ),
        _ => (
            province_options(ctx.setup.rules(), locale),
            Vec::new(),
            Vec::new(),
            Some(ui("address.loading", locale)),
        ),
    };
    html! {
        <fieldset class="icpf-fieldset icpf-address">
            <legend class="icpf-label icpf-legend-large">{ ui("address.legend", locale) }</legend>
            if let Some(note) = note {
                <p class="icpf-hint" role="status">{ note }</p>
            }
            <div class="icpf-address-selects">
                <SelectField field={ctx.field(field(AddressField::Province))} label={ui("address.province.label", locale)}
                    options={provinces} selected={address.province.clone()} />
                <SelectField field={ctx.field(field(AddressField::City))} label={ui("address.city.label", locale)}
                    options={cities} selected={address.city.clone()} />
                // A city without districts (东莞) is its own: shown chosen, as the rules read it.
                <SelectField field={ctx.field(field(AddressField::District))} label={ui("address.district.label", locale)}
                    selected={match districts.as_slice() {
                        [(only, _)] if address.district.is_empty() && *only == address.city => only.clone(),
                        _ => address.district.clone(),
                    }}
                    options={districts} />
            </div>
            { detail }
        </fieldset>
    }
}

/// Select choices; in English each name is followed by its romanised form.
fn pairs<'a>(items: impl IntoIterator<Item = &'a Region>, locale: Locale) -> Vec<(String, String)> {
    items
        .into_iter()
        .map(|r| (r.code.clone(), r.label(locale == Locale::En)))
        .collect()
}

/// 3. 网站 / APP信息.
#[component(ServicesPage)]
pub fn services_page() -> Html {
    let ctx = use_form();
    let locale = ctx.locale;
    let draft = &ctx.state().draft;
    // The new card's name field takes the focus.
    let add = |list: ListPath, new: Service| {
        let store = ctx.store.clone();
        let first = ctx.id(&new.field(ServiceField::Name).to_string());
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Push { list });
            focus_soon(first.clone());
        })
    };
    let websites_issues = ctx.issues_at("websites");
    html! {
        <>
            <p class="icpf-guidance">{ ui(if draft.subject.kind == Some(SubjectKind::Individual) { "services.intro.individual" } else { "services.intro" }, locale) }</p>
            { super::fields::inline_issues(&ctx.id("websites"), &websites_issues, &ctx.env()) }
                { super::fields::inline_acks(&ctx.id("websites"), &websites_issues, &ctx.env()) }
            { for draft.websites.iter().enumerate().map(|(i, _)| html! { <WebsiteCard index={i} /> }) }
            { for draft.apps.iter().enumerate().map(|(i, _)| html! { <AppCard index={i} /> }) }
            // Said as soon as the card is added, not only on the check page.
            if ctx.state().change_adds_services() {
                <p class="icpf-notice icpf-notice-warning" role="status">{ ui("review.changeAdds", locale) }</p>
            }
            <div class="icpf-add-buttons" id={ctx.id("websites")} tabindex="-1">
                if !ctx.locked("websites") {
                    <button type="button" class="icpf-button icpf-button-secondary" id={format!("{}-add", ctx.id("websites"))}
                        onclick={add(ListPath::Websites, Service::Website(draft.websites.len()))}>
                        { ui("website.add", locale) }
                    </button>
                }
                if !ctx.locked("apps") {
                    <button type="button" class="icpf-button icpf-button-secondary" onclick={add(ListPath::Apps, Service::App(draft.apps.len()))}>
                        { ui("app.add", locale) }
                    </button>
                }
                // After the buttons: what was removed (see `card_heading`).
                <p class="icpf-visually-hidden" role="status" id={ctx.id("services-status")}></p>
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    index: usize,
}

/// A removable card heading: "网站 1" with a remove button, which asks first when the card
/// holds anything typed.
fn card_heading(ctx: &FormCtx, list: ListPath, index: usize, title: String) -> Html {
    let store = ctx.store.clone();
    // The focus goes to 添加网站 below the cards (or, where adding is locked, the row of add
    // buttons), not to the page, and the section's status says which card went.
    let (buttons, status) = (ctx.id("websites"), ctx.id("services-status"));
    let removed = ui("removed", ctx.locale).replace("{name}", &title);
    let remove = Callback::from(move |_: MouseEvent| {
        store.dispatch(Action::Remove { list, index });
        let (buttons, status, removed) = (buttons.clone(), status.clone(), removed.clone());
        gloo::timers::callback::Timeout::new(0, move || {
            if !crate::web::browser::focus_by_id(&format!("{buttons}-add")) {
                crate::web::browser::focus_by_id(&buttons);
            }
            crate::web::browser::set_text_by_id(&status, &removed);
        })
        .forget();
    });
    let state = ctx.state();
    let draft = &state.draft;
    let typed = |s: &String| !s.trim().is_empty();
    // A responsible person kept equal to the principal was not typed on the card.
    let own_person = |service: Service, p: &crate::model::Person| {
        !state.linked.contains(&service)
            && [&p.name, &p.certificate.number, &p.mobile, &p.email]
                .into_iter()
                .any(typed)
    };
    let filled = match list {
        ListPath::Websites => draft.websites.get(index).is_some_and(|w| {
            [&w.name, &w.homepage, &w.remark].into_iter().any(typed)
                || w.domains.iter().any(typed)
                || own_person(Service::Website(index), &w.responsible)
        }),
        _ => draft.apps.get(index).is_some_and(|a| {
            [&a.name, &a.remark].into_iter().any(typed)
                || a.domains.iter().any(typed)
                || a.platforms.iter().any(|p| {
                    [
                        &p.package_name,
                        &p.signature_md5,
                        &p.public_key,
                        &p.cert_sha1,
                    ]
                    .into_iter()
                    .any(typed)
                })
                || own_person(Service::App(index), &a.responsible)
        }),
    };
    let question = filled.then(|| ui("confirm.remove", ctx.locale).replace("{name}", &title));
    html! {
        <div class="icpf-card-head">
            <h3 class="icpf-subheading">{ title.clone() }</h3>
            if !ctx.locked(&format!("{list}[{index}]")) {
                <ConfirmButton label={ui("remove", ctx.locale)} hidden={title} class="icpf-link-button"
                    {question} locale={ctx.locale} onconfirm={remove} />
            }
        </div>
    }
}

/// `(value, text)` choices of a select, radio or checkbox group.
type Choices = Vec<(String, String)>;

fn catalogue_options(rules: &RuleData, locale: Locale) -> (Choices, Choices) {
    let catalogues = rules.catalogues();
    let content = catalogues
        .service_content
        .iter()
        .map(|c| (c.slug.to_string(), c.name(locale).to_string()))
        .collect();
    let languages = catalogues
        .languages
        .iter()
        .map(|l| (l.slug.to_string(), l.name(locale).to_string()))
        .collect();
    (content, languages)
}

#[derive(Properties, PartialEq)]
struct ServiceCommonProps {
    service: Service,
    domains: Vec<String>,
    service_content: Vec<String>,
    languages: Vec<String>,
    pre_approvals: Vec<PreApproval>,
    responsible: Person,
    remark: String,
    /// A website's home page, asked right after the domains it must use.
    #[prop_or_default]
    homepage: Option<String>,
}

/// What websites and APPs share: domains, content, languages, pre-approvals, the
/// responsible person and a remark.
#[component(ServiceCommon)]
fn service_common(props: &ServiceCommonProps) -> Html {
    let ctx = use_form();
    let locale = ctx.locale;
    let service = props.service;
    let field = |f| service.field(f);
    let rules = ctx.setup.rules();
    let (mut content, languages) = catalogue_options(rules, locale);
    // An individual sees the content types providers accept from individuals first; the
    // rest stay reachable (providers differ) behind a disclosure.
    let draft = &ctx.state().draft;
    let first = if draft.subject.kind == Some(SubjectKind::Individual) {
        let allowed = rules.personal_allowed_service_content(&draft.province);
        crate::sort::by_key(&mut content, |(slug, _)| !allowed.contains(slug));
        allowed.len()
    } else {
        0
    };
    let categories: Vec<(String, String)> = rules
        .catalogues()
        .pre_approval_categories
        .iter()
        .map(|c| (c.slug.to_string(), pick(locale, &c.zh, &c.en)))
        .collect();
    let linked = ctx.state().is_linked(service);
    let link = {
        let store = ctx.store.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            store.dispatch(Action::LinkToPrincipal {
                service,
                linked: input.checked(),
            });
        })
    };
    // Another website's or APP's responsible person, to copy instead of typing again.
    let others: Vec<(Service, String)> = draft
        .websites
        .iter()
        .enumerate()
        .map(|(i, w)| (Service::Website(i), &w.responsible, "website.title", i))
        .chain(
            draft
                .apps
                .iter()
                .enumerate()
                .map(|(i, a)| (Service::App(i), &a.responsible, "app.title", i)),
        )
        .filter(|(other, p, ..)| *other != service && !p.name.trim().is_empty())
        .map(|(other, p, title, i)| {
            (
                other,
                format!("{} {} · {}", ui(title, locale), i + 1, p.name),
            )
        })
        .collect();
    let copy_id = ctx.id(&format!("{service}.responsible.copy"));
    // What the last copy brought in, read out: the fields it filled are below the select.
    let copied = use_node_ref();
    let copy = {
        let store = ctx.store.clone();
        let copied = copied.clone();
        let from: Vec<(Service, String)> = others.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let chosen = select
                .value()
                .parse::<usize>()
                .ok()
                .and_then(|i| from.get(i));
            if let Some((from, text)) = chosen {
                store.dispatch(Action::CopyResponsible {
                    from: *from,
                    to: service,
                });
                if let Some(status) = copied.cast::<web_sys::Element>() {
                    status.set_text_content(Some(&format!(
                        "{}{text}",
                        ui("responsible.copied", locale)
                    )));
                }
            }
        })
    };
    let approvals = ListPath::PreApprovals(service);
    let approval = |i, f| field(ServiceField::PreApproval(i, f));
    let add_approval = {
        let store = ctx.store.clone();
        let next =
            ctx.id(&approval(props.pre_approvals.len(), PreApprovalField::Category).to_string());
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Push { list: approvals });
            focus_soon(next.clone());
        })
    };
    let approvals_id = ctx.id(&approvals.to_string());
    let approvals_fixed = ctx.locked(&approvals.to_string());
    let approvals_issues = ctx.issues_at(&approvals.to_string());
    let link_id = ctx.id(&format!("{service}.responsible.linked"));
    let responsible_heading = ctx.id(&format!("{service}.responsible.heading"));
    let person_fixed = ctx.locked(&format!("{service}.responsible"));
    // An APP's fields are labelled as the APP's, not the website's.
    let key = |key: &'static str| match service {
        Service::App(_) => match key {
            "domains.label" => "app.domains.label",
            "domains.hint" => "app.domains.hint",
            "serviceContent.label" => "app.serviceContent.label",
            "serviceContent.hint" => "app.serviceContent.hint",
            "languages.label" => "app.languages.label",
            "responsible.heading" => "app.responsible.heading",
            other => other,
        },
        Service::Website(_) => key,
    };
    // A remark the rules require says so where it is typed, instead of 选填 (optional).
    let required = match service {
        Service::Website(_) => crate::hints::province_hint(
            HintField::WebsiteRemark,
            &draft.province,
            draft.subject.kind,
            rules,
            locale,
        ),
        Service::App(_) => None,
    };
    let remark_hint = required.map_or(
        AttrValue::Static(ui("remark.service.hint", locale)),
        AttrValue::from,
    );
    let homepage = match (service, &props.homepage) {
        (Service::Website(i), Some(value)) => html! {
            <TextField field={ctx.field(FieldPath::Homepage(i))} label={ui("homepage.label", locale)}
                hint={ui("homepage.hint", locale)} value={value.clone()} input_type="url" wide=true />
        },
        _ => html! {},
    };
    html! {
        <>
            <DomainList {service} legend={ui(key("domains.label"), locale)} hint={ctx.hint_with_province(key("domains.hint"), HintField::Domains)}
                values={props.domains.clone()} add_label={ui("domain.add", locale)} item_label={ui("domain.item", locale)}
                inputmode={AttrValue::Static("url")} />
            { homepage }
            <Checkboxes field={ctx.field_under(field(ServiceField::ServiceContent))} legend={ui(key("serviceContent.label"), locale)}
                hint={ui(key("serviceContent.hint"), locale)} options={content} selected={props.service_content.clone()}
                {first} more_label={ui("serviceContent.more", locale)} />
            <Checkboxes field={ctx.field_under(field(ServiceField::Languages))} legend={ui(key("languages.label"), locale)}
                options={languages} selected={props.languages.clone()} />
            <fieldset class="icpf-fieldset icpf-approvals" id={approvals_id.clone()} tabindex="-1">
                <legend class="icpf-label">{ ui("preApprovals.label", locale) }</legend>
                <div class="icpf-hint">{ ui("preApprovals.hint", locale) }</div>
                { super::fields::inline_issues(&approvals_id, &approvals_issues, &ctx.env()) }
                { super::fields::inline_acks(&approvals_id, &approvals_issues, &ctx.env()) }
                { for props.pre_approvals.iter().enumerate().map(|(i, item)| {
                    let (store, after) = (ctx.store.clone(), approvals_id.clone());
                    // The focus goes to the list, not to the next item's remove button.
                    let remove = Callback::from(move |_: MouseEvent| {
                        store.dispatch(Action::Remove { list: approvals, index: i });
                        super::focus_soon(after.clone());
                    });
                    let name = format!("{} {}", ui("preApproval.item", locale), i + 1);
                    html! {
                        <div class="icpf-approval" role="group" aria-label={name.clone()}>
                            <SelectField field={ctx.field(approval(i, PreApprovalField::Category))} label={ui("preApproval.category", locale)}
                                options={categories.clone()} selected={item.category.clone()} />
                            <TextField field={ctx.field(approval(i, PreApprovalField::Number))} label={ui("preApproval.number", locale)}
                                value={item.number.clone()} wide=true />
                            if !approvals_fixed {
                                <button type="button" class="icpf-link-button" onclick={remove}>
                                    { ui("remove", locale) }<span class="icpf-visually-hidden">{ format!(" {name}") }</span>
                                </button>
                            }
                        </div>
                    }
                }) }
                if !approvals_fixed {
                    <button type="button" class="icpf-button icpf-button-secondary icpf-button-small" onclick={add_approval}>
                        { ui("preApproval.add", locale) }
                    </button>
                }
            </fieldset>
            <h4 class="icpf-subheading-small" id={responsible_heading.clone()}>{ ui(key("responsible.heading"), locale) }</h4>
            <div role="group" aria-labelledby={responsible_heading}>
            <div class="icpf-ack icpf-field">
                <input type="checkbox" id={link_id.clone()} checked={linked} disabled={person_fixed} onchange={link} />
                // An individual is their own principal.
                <label for={link_id}>{ ui(if ctx.state().draft.subject.kind == Some(SubjectKind::Individual) { "responsible.same.individual" } else { "responsible.same" }, locale) }</label>
            </div>
            if !linked && !person_fixed && !others.is_empty() {
                <div class="icpf-field">
                    <label class="icpf-label" for={copy_id.clone()}>{ ui("responsible.copy", locale) }</label>
                    <select id={copy_id} class="icpf-input" onchange={copy}>
                        <option value="" selected=true>{ ui("responsible.copy.none", locale) }</option>
                        { for others.iter().enumerate().map(|(i, (_, text))| html! { <option value={i.to_string()}>{ text }</option> }) }
                    </select>
                    <p class="icpf-visually-hidden" role="status" ref={copied}></p>
                </div>
            }
            if !linked {
                <PersonFields of={PersonPath::Responsible(service)} person={props.responsible.clone()} identity=true
                    office_phone={ctx.state().draft.subject.kind != Some(SubjectKind::Individual)} />
            }
            </div>
            <TextField field={ctx.field(field(ServiceField::Remark))} label={ui("remark.label", locale)}
                hint={remark_hint} value={props.remark.clone()} multiline=true />
        </>
    }
}

fn pick(locale: Locale, zh: &str, en: &str) -> String {
    locale.choose(zh, en).to_owned()
}

/// One website.
#[component(WebsiteCard)]
fn website_card(props: &CardProps) -> Html {
    let ctx = use_form();
    let locale = ctx.locale;
    let i = props.index;
    let Some(site) = ctx.state().draft.websites.get(i).cloned() else {
        return html! {};
    };
    let service = Service::Website(i);
    let title = format!("{} {}", ui("website.title", locale), i + 1);
    // A personal site's name is where individuals are most often refused: the hint names
    // the words to leave out before the filer picks one.
    let name_hint = if ctx.state().draft.subject.kind == Some(SubjectKind::Individual) {
        "website.name.hint.individual"
    } else {
        "website.name.hint"
    };
    html! {
        <section class="icpf-card" aria-label={title.clone()}>
            { card_heading(&ctx, ListPath::Websites, i, title) }
            <TextField field={ctx.field(service.field(ServiceField::Name))} label={ui("website.name.label", locale)}
                hint={ctx.hint_with_province(name_hint, HintField::WebsiteName)} value={site.name.clone()} />
            { service_number(&ctx, service, &site.filing_number, "website.filingNumber.label") }
            <ServiceCommon {service} domains={site.domains} service_content={site.service_content}
                languages={site.languages} pre_approvals={site.pre_approvals} responsible={site.responsible}
                remark={site.remark} homepage={Some(site.homepage)} />
        </section>
    }
}

/// The number a website or APP already holds, asked in a new access or a change.
fn service_number(ctx: &FormCtx, service: Service, value: &str, label: &'static str) -> Html {
    let asked = ctx
        .state()
        .draft
        .filing_type
        .is_some_and(FilingType::concerns_filed_services);
    if !asked {
        return html! {};
    }
    html! {
        <TextField field={ctx.field(service.field(ServiceField::FilingNumber))} label={ui(label, ctx.locale)}
            hint={ui("service.filingNumber.hint", ctx.locale)} value={value.to_owned()} wide=true />
    }
}

/// One APP with its platforms.
#[component(AppCard)]
fn app_card(props: &CardProps) -> Html {
    let ctx = use_form();
    let locale = ctx.locale;
    let i = props.index;
    let Some(app) = ctx.state().draft.apps.get(i).cloned() else {
        return html! {};
    };
    let service = Service::App(i);
    let title = format!("{} {}", ui("app.title", locale), i + 1);
    let platforms: Vec<(String, String)> = ctx
        .setup
        .rules()
        .catalogues()
        .app_platforms
        .iter()
        .map(|p| (p.slug.to_string(), pick(locale, &p.zh, &p.en)))
        .collect();
    let list = ListPath::Platforms(i);
    // The new platform's first control takes the focus, as a new website's or domain's does:
    // the block is added above the button.
    let add_platform = {
        let (store, prefix) = (ctx.store.clone(), ctx.prefix.to_string());
        let new = FieldPath::Platform(i, app.platforms.len(), PlatformField::Platform).to_string();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Push { list });
            super::focus_path_soon(prefix.clone(), new.clone());
        })
    };
    let list_id = ctx.id(&list.to_string());
    let platforms_fixed = ctx.locked(&list.to_string());
    let platform_issues = ctx.issues_at(&list.to_string());
    html! {
        <section class="icpf-card" aria-label={title.clone()}>
            { card_heading(&ctx, ListPath::Apps, i, title) }
            <TextField field={ctx.field(service.field(ServiceField::Name))} label={ui("app.name.label", locale)}
                hint={ui("app.name.hint", locale)} value={app.name.clone()} />
            { service_number(&ctx, service, &app.filing_number, "app.filingNumber.label") }
            <fieldset class="icpf-fieldset" id={list_id.clone()} tabindex="-1">
                <legend class="icpf-label">{ ui("platforms.label", locale) }</legend>
                { super::fields::inline_issues(&list_id, &platform_issues, &ctx.env()) }
                { super::fields::inline_acks(&list_id, &platform_issues, &ctx.env()) }
                { for app.platforms.iter().enumerate().map(|(j, p)| {
                    let field = |f| FieldPath::Platform(i, j, f);
                    let (store, after) = (ctx.store.clone(), list_id.clone());
                    let remove = Callback::from(move |_: MouseEvent| {
                        store.dispatch(Action::Remove { list, index: j });
                        super::focus_soon(after.clone());
                    });
                    let name = format!("{} {}", ui("platform.label", locale), j + 1);
                    // What each platform calls its identifier; a mini-program has an AppID and
                    // no signing key of its own.
                    let (id_label, id_hint, signed) = match p.platform.as_str() {
                        "ios" => ("bundleId.label", "packageName.hint", true),
                        "miniProgram" => ("appId.label", "appId.hint", false),
                        _ => ("package.label", "packageName.hint", true),
                    };
                    let sha1_hint = if p.platform == "ios" { "certSha1.hint.ios" } else { "certSha1.hint" };
                    html! {
                        <div class="icpf-platform" role="group" aria-label={name.clone()}>
                            // Seen; the group's own name says it to a screen reader.
                            <p class="icpf-platform-title" aria-hidden="true">{ &name }</p>
                            <SelectField field={ctx.field(field(PlatformField::Platform))} label={ui("platform.label", locale)}
                                options={platforms.clone()} selected={p.platform.clone()} />
                            <TextField field={ctx.field(field(PlatformField::PackageName))} label={ui(id_label, locale)}
                                hint={ui(id_hint, locale)} value={p.package_name.clone()} wide=true />
                            if signed {
                                <TextField field={ctx.field(field(PlatformField::SignatureMd5))} label={ui("signatureMd5.label", locale)}
                                    hint={ui("signatureMd5.hint", locale)} value={p.signature_md5.clone()} wide=true />
                                <TextField field={ctx.field(field(PlatformField::PublicKey))} label={ui("publicKey.label", locale)}
                                    hint={ui("publicKey.hint", locale)} value={p.public_key.clone()} wide=true multiline=true />
                                <TextField field={ctx.field(field(PlatformField::CertSha1))} label={ui("certSha1.label", locale)}
                                    hint={ui(sha1_hint, locale)} value={p.cert_sha1.clone()} wide=true />
                            }
                            if !platforms_fixed {
                                <button type="button" class="icpf-link-button" onclick={remove}>
                                    { ui("remove", locale) }<span class="icpf-visually-hidden">{ format!(" {name}") }</span>
                                </button>
                            }
                        </div>
                    }
                }) }
                if !platforms_fixed {
                    <button type="button" class="icpf-button icpf-button-secondary icpf-button-small icpf-platforms-add" onclick={add_platform}>
                        { ui("platform.add", locale) }
                    </button>
                }
            </fieldset>
            <ServiceCommon {service} domains={app.domains} service_content={app.service_content}
                languages={app.languages} pre_approvals={app.pre_approvals} responsible={app.responsible}
                remark={app.remark} />
        </section>
    }
}

/// The example under 主体备案号, with the chosen province's abbreviation (蜀ICP备… in Sichuan);
/// a new website's filing is told to leave out a website's sequence number.
fn filing_number_hint(
    filing_type: Option<FilingType>,
    province: Option<&crate::ruledata::Province>,
    locale: Locale,
) -> String {
    let abbr = province.map_or("京", |p| p.abbr.as_str());
    let key = if filing_type == Some(FilingType::NewWebsite) {
        "filingNumber.hint.newWebsite"
    } else {
        "filingNumber.hint"
    };
    ui(key, locale).replace("{abbr}", abbr)
}
