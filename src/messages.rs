//! zh-CN and en message catalogues, keyed by issue code and filled from the params.
//!
//! Rule code never holds message text: it records `{path, code, params}` and this module
//! turns that into words. Field labels are keyed by the path with indices removed.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::ident::is_invisible;
pub use crate::locale::Locale;
use crate::model::{CertificateType, SubjectKind};
use crate::ruledata::RuleData;

/// Defines the catalogue twice from one list: [`CATALOGUE`] with every column (the CLI's
/// code table, the tests) and `TEMPLATES` with only what rendering reads, so the widget
/// carries neither the severities' text nor the source references.
macro_rules! catalogue {
    ($(($code:literal, $severity:literal, $zh:literal, $en:literal, $source:literal)),* $(,)?) => {
        /// `(code, severity, zh-CN template, en template, source section)`: the one table of
        /// codes. `{name}` in a template is replaced by the param of that name.
        pub const CATALOGUE: &[(&str, &str, &str, &str, &str)] = &[$(($code, $severity, $zh, $en, $source)),*];
        /// `(code, zh-CN template, en template)`.
        const TEMPLATES: &[(&str, &str, &str)] = &[$(($code, $zh, $en)),*];
    };
}

catalogue! {
    ("required", "error",
     "请{verb}{field}",
     "{verb} {field}",
     "(form)"),
    ("text.too_long", "error",
     "{field}不能超过{max}个字",
     "{field} must be {max} characters or fewer",
     "(form)"),
    ("text.control_character", "error",
     "{field}含有看不见的控制字符“{char}”（可能随复制的文字带入），请删除后重新输入",
     "{field} contains an invisible control character ({char}), probably copied with the text; delete it and type the text again",
     "(form)"),
    ("person_name.format", "error",
     "姓名不能含有“{char}”：请按证件上的姓名填写",
     "A name can't contain “{char}”: enter the name as the certificate prints it",
     "§4.6 (H)"),
    ("person_name.unusual", "warning",
     "姓名中的“{char}”不常见，请确认与证件上的姓名完全一致",
     "“{char}” is unusual in a name; check that it matches the certificate exactly",
     "§4.6 (M)"),
    ("person_name.resident_id_form", "warning",
     "居民身份证上的姓名是汉字，通常至少两个字（少数民族姓名可含“·”）：请按身份证上的姓名填写",
     "A resident ID prints the name in Chinese characters, usually two or more (minority names may hold “·”): enter the name as the card prints it",
     "§4.6 (M)"),
    ("certificate.type_not_allowed", "error",
     "{kindName}不能使用{typeName}备案，请改选本类主体可用的证件",
     "A {kindName} subject can't file with a {typeName}; choose a certificate allowed for it",
     "§3 (contract)"),
    ("certificate.format", "warning",
     "{typeName}号码格式看起来不对，请对照证件逐位核对",
     "The {typeName} number doesn't look right; compare it with the certificate character by character",
     "§4.3 (M)"),
    ("certificate.birth_date", "error",
     "{typeName}号码中的出生日期{date}无效，请核对第7至14位",
     "The birth date in the {typeName} number ({date}) is not valid; check characters 7 to 14",
     "§12 (H)"),
    ("certificate.check_character", "error",
     "{typeName}号码校验位不正确，请对照证件逐位核对",
     "The {typeName} number's check character doesn't match; compare each character with the card",
     "§12 (H)"),
    ("id.length", "error",
     "居民身份证号码应为18位，当前为{length}位",
     "A resident ID number has 18 characters; this one has {length}",
     "§4.1 (standard)"),
    ("id.first_generation", "error",
     "15位的第一代居民身份证已于2013年1月1日停止使用，请填写第二代身份证上的18位号码",
     "First-generation (15-digit) ID cards stopped being valid on 1 January 2013; enter the 18-digit number on the second-generation card",
     "§12 (H)"),
    ("id.format", "error",
     "居民身份证号码第{position}位有误：前17位只能是数字，最后一位是数字或X",
     "Character {position} of the resident ID number is wrong: the first 17 are digits, the last a digit or X",
     "§4.1 (standard)"),
    ("id.birth_date", "error",
     "居民身份证号码中的出生日期{date}无效，请核对第7至14位",
     "The birth date in the resident ID number ({date}) is not valid; check characters 7 to 14",
     "§4.1 (standard)"),
    ("id.checksum", "error",
     "居民身份证号码校验位不正确，请对照证件逐位核对",
     "The resident ID number's check character doesn't match; compare each character with the card",
     "§4.1 (standard)"),
    ("id.region_unknown", "warning",
     "居民身份证号码前两位“{prefix}”不是已知的省级行政区划代码，请核对",
     "The first two digits (“{prefix}”) are not a known province code; check the number",
     "§4.1 (M)"),
    ("uscc.length", "error",
     "统一社会信用代码应为18位，当前为{length}位",
     "A unified social credit code has 18 characters; this one has {length}",
     "§4.2 (standard)"),
    ("uscc.format", "error",
     "统一社会信用代码第{position}位“{character}”不正确：第3至8位是数字，其余位不使用I、O、S、V、Z",
     "Character {position} (“{character}”) of the credit code is wrong: characters 3 to 8 are digits, and I, O, S, V, Z are never used",
     "§4.2 (standard)"),
    ("certificate.credit_code_checksum", "warning",
     "{typeName}号码看起来是统一社会信用代码，但校验位不符：请对照证件逐位核对",
     "The {typeName} number looks like a unified social credit code, but its check character doesn't match; compare it with the certificate character by character",
     "§4.2 (M)"),
    ("uscc.checksum", "warning",
     "统一社会信用代码校验位不符。少数2016年前发放的真实代码也是如此：请对照营业执照逐位核对",
     "The credit code's check character doesn't match. A few real codes issued before 2016 do this: compare it with the licence character by character",
     "§4.2 (M)"),
    ("uscc.category_mismatch", "warning",
     "以“{category}”开头的统一社会信用代码通常不属于{kindName}，请核对主体性质",
     "A credit code starting with “{category}” usually doesn't belong to a {kindName}; check the subject type",
     "§4.2 (M)"),
    ("filing.no_services", "error",
     "请至少添加一个网站或APP",
     "Add at least one website or APP",
     "§2 (form)"),
    ("change.no_services", "error",
     "变更备案要列出备案后仍在运营的网站或APP（未变更的照原样保留）；如果网站和APP都不再使用，请办理注销备案，而不是变更",
     "A change filing lists the websites and APPs that stay in service (unchanged ones as they are); if none stays, cancel the filing (注销) instead of changing it",
     "§2 (H)"),
    ("province.unknown", "error",
     "备案省份代码“{value}”不是省级行政区划代码",
     "“{value}” is not a province code",
     "§6 (contract)"),
    ("filing_number.format", "warning",
     "备案号“{value}”的格式看起来不对，应类似“京ICP备16020626号”，请核对",
     "The filing number “{value}” doesn't look right; it should look like 京ICP备16020626号",
     "§1.3 (M)"),
    ("filing_number.service_number", "warning",
     "“{value}”是网站或APP的备案号；这里填写主体备案号，即“-”之前的部分：{subject}",
     "“{value}” is a website's or an APP's filing number; enter the subject's number here, the part before the “-”: {subject}",
     "§1.3 (H)"),
    ("filing_number.service_missing", "warning",
     "新增接入的网站或APP已经备案：请填写它的备案号（主体备案号后加“-1”等序号）；如它还没有备案号，备案类型应为“新增网站”",
     "A new access moves a website or APP that is filed: give its number (the subject's number with “-1” and so on); if it has none yet, the filing type is “Add a website”",
     "§2 (H)"),
    ("filing_number.service_tail_missing", "warning",
     "这里填写网站或APP自己的备案号，即主体备案号后加“-1”等序号，例如“{example}”",
     "Give the website's or APP's own number: the subject's number with its “-1” and so on, like “{example}”",
     "§1.3 (M)"),
    ("filing_number.service_format", "warning",
     "“{value}”不像网站或APP的备案号：网站的类似“京ICP备16020626号-1”，APP的类似“京ICP备16020626号-1A”，请核对",
     "“{value}” doesn't look like a website's or an APP's number: a website's looks like 京ICP备16020626号-1, an APP's like 京ICP备16020626号-1A",
     "§1.3 (M)"),
    ("filing_number.service_duplicate", "warning",
     "“{value}”已填写在另一个网站或APP上；每个备案号只属于一个网站或APP，请核对",
     "“{value}” is given for another website or APP too; each number belongs to one, so check both",
     "§1.3 (M)"),
    ("filing_number.other_subject", "warning",
     "“{value}”不在主体备案号“{subject}”之下，请核对两个备案号",
     "“{value}” is not numbered under the subject's “{subject}”; check both numbers",
     "§1.3 (M)"),
    ("filing_number.province_mismatch", "warning",
     "备案号以“{abbr}”开头，但所选省份的简称是“{expected}”，请核对备案号或省份",
     "The filing number starts with “{abbr}” but the chosen province's abbreviation is “{expected}”",
     "§1.3 (M)"),
    ("subject.certificate_province_mismatch", "warning",
     "统一社会信用代码显示证件登记地为{certificateProvinceName}，单位应在证件所在省份备案，请核对备案省份",
     "The credit code was issued in {certificateProvinceName}; a unit files in the province of its certificate",
     "§4.5 (M)"),
    ("certificate.expired", "error",
     "证件已于{date}过期，请使用有效证件",
     "The certificate expired on {date}; use a valid one",
     "§4.1 (H)"),
    ("certificate.expiring_soon", "warning",
     "证件将于{date}到期，有效期不足{months}个月，审核可能不通过",
     "The certificate expires on {date}, less than {months} months from now; the review may fail",
     "§4.1 (data)"),
    ("province.certificate_refused", "warning",
     "{provinceName}管局通常不接受个人以{typeName}备案，请先向接入商确认",
     "The {provinceName} bureau usually doesn't accept individuals filing with a {typeName}; check with the provider first",
     "§6 (data)"),
    ("validity.format", "error",
     "有效期应为“YYYY-MM-DD”格式的日期，或选择“长期”",
     "Enter the validity as a date (YYYY-MM-DD) or choose long-term",
     "§4.1 (form)"),
    ("address.code_format", "error",
     "请从列表中选择省、市、区县",
     "Choose the province, city and district from the lists",
     "§4.5 (standard)"),
    ("address.code_mismatch", "error",
     "所选市、区县不属于上一级行政区，请重新选择",
     "The city or district chosen is not inside the region above it; choose again",
     "§4.5 (standard)"),
    ("address.outside_filing_province", "warning",
     "通信地址不在备案省份内，请核对",
     "The mailing address is not in the filing province; check it",
     "§4.5 (M)"),
    ("address.no_house_number", "warning",
     "详细地址应写到门牌号；如没有门牌号，请在备注中说明",
     "The detailed address should reach the house number; if there is none, say so in the remark",
     "§4.5 (M)"),
    ("address.house_number_required", "warning",
     "{provinceName}要求详细地址写到门牌号，请补充门牌号",
     "{provinceName} requires the detailed address to reach the house number; add it",
     "§4.5, §6 (data)"),
    ("address.detail_repeats_region", "warning",
     "详细地址不用重复上面已选的省、市，从街道和门牌号写起",
     "The detailed address need not repeat the province and city chosen above; start with the street and house number",
     "§4.5, §10 (M)"),
    ("address.same_city", "warning",
     "{provinceName}要求通信地址与证件住所在同一城市，请核对",
     "{provinceName} requires the mailing address and the certificate address to be in the same city",
     "§4.5, §6 (data)"),
    ("individual.principal_mismatch", "error",
     "个人备案的主体负责人就是备案人本人，姓名和证件应与主办者信息一致",
     "For a personal filing the principal is the filer: name and certificate must match the subject's",
     "§7 (contract)"),
    ("individual.responsible_differs", "warning",
     "个人备案的负责人通常是备案人本人，请确认由他人负责",
     "In a personal filing the responsible person is normally the filer; confirm it is someone else",
     "§7 (data)"),
    ("mobile.format", "error",
     "手机号码应为11位数字，以13至19开头",
     "A mobile number has 11 digits and starts with 13 to 19",
     "§4.4 (standard)"),
    ("mobile.virtual_operator", "warning",
     "{prefix}号段多为虚拟运营商号码，可能收不到工信部核验短信，建议换用三大运营商的手机号码",
     "Numbers starting with {prefix} are mostly virtual-operator numbers, which may not receive the MIIT verification SMS; a China Mobile, Unicom or Telecom number is safer",
     "§4.4, §12 (M)"),
    ("email.format", "error",
     "电子邮箱格式不正确，例如 name@example.com",
     "Enter an e-mail address like name@example.com",
     "§4.4 (standard)"),
    ("email.non_ascii_local", "warning",
     "电子邮箱@前有中文等非英文字符：接入商发送邮箱验证码时，很多邮件系统发不到这类地址。如有英文字母的邮箱，请改用",
     "The part before @ has Chinese or other non-Latin characters: many mail systems can't deliver the provider's verification code to such an address. Use an address in Latin letters if you have one",
     "§4.4 (M)"),
    ("phone.area_code_missing", "error",
     "固定电话要带区号：请在 {number} 前加上所在地的区号，写成“区号-{number}”",
     "A landline needs its area code: put the local area code before {number}, as “area code-{number}”",
     "§4.4 (standard)"),
    ("phone.format", "error",
     "请填写手机号码或带区号的固定电话，例如 010-65529988",
     "Enter a mobile number or a landline with its area code, like 010-65529988",
     "§4.4 (standard)"),
    ("change.unchanged", "warning",
     "这份变更与已通过的备案{number}没有区别，没有变更内容的申请会被退回：请修改需要变更的信息。如果只需更换本表单以外的资料（例如证件照片），请确认后提交，并在备注中说明",
     "This change is no different from the approved filing {number}, and a change that changes nothing is sent back: change what needs changing. If only documents outside this form change (such as a certificate's photo), confirm and submit, and say so in the remark",
     "§2 (L)"),
    ("change.reverts_approved", "warning",
     "这份变更把此项改回了“{value}”，而{number}最近通过的变更已将它改为“{approved}”：这份变更可能是在那次变更通过前开始填写的。请核对并改为最新的信息；确要改回的，请确认",
     "This change sets this back to “{value}”, which the latest approved change of {number} changed to “{approved}”: the change was probably started before that one was approved. Check it and give the current details; if you do mean to set it back, confirm",
     "§2 (L)"),
    ("phone.outside_mainland", "warning",
     "这是大陆以外的号码。部分管局要求填写大陆手机或固定电话，并会拨打核实：请确认从大陆能够接通，或改填大陆号码",
     "This number is outside the mainland. Some bureaus require a mainland mobile or landline and call it to check: make sure it can be reached from the mainland, or give a mainland number",
     "§4.4 (M)"),
    ("phone.service_number", "warning",
     "400/800号码是企业的客服热线，部分管局要求填写能直接找到本人的手机或固定电话：请确认，或改填带区号的固定电话",
     "A 400/800 number is a company's service line; some bureaus require a mobile or landline that reaches the person directly: confirm it, or give a landline with its area code",
     "§4.4 (M)"),
    ("person.contact_reused", "error",
     "不同的人不能使用相同的联系方式（与{otherName}重复）",
     "Different persons can't share contact details (same as {otherName})",
     "§4.4, §7 (H)"),
    ("person.contacts_inconsistent", "warning",
     "同一人在不同角色中应使用相同的联系方式（与{otherName}不同）",
     "The same person should use the same contact details in every role (differs from {otherName})",
     "§4.4 (M)"),
    ("emergency_phone.missing", "warning",
     "未填写应急联系电话：部分省份必填，接入商也常要求填写。请填写一个与手机号码不同、能联系到本人的号码；接入商不要求时再确认留空",
     "No emergency phone: some provinces require one and providers often ask for it. Give a number other than the mobile that reaches this person; confirm leaving it empty only if your provider doesn't ask",
     "§4.4 (M)"),
    ("emergency_phone.same_as_mobile", "error",
     "应急联系电话不能与负责人的手机号码相同（与{otherName}相同）",
     "The emergency phone must differ from the responsible persons' mobiles (same as {otherName})",
     "§4.4 (H)"),
    ("age.under_minimum", "error",
     "{provinceName}要求负责人年满{minimum}周岁，按证件出生日期目前{age}周岁",
     "{provinceName} requires responsible persons to be at least {minimum}; by the ID's birth date this person is {age}",
     "§6 (data)"),
    ("age.minor_needs_proof", "warning",
     "负责人未满{minimum}周岁（{age}周岁），{provinceName}需要另附就业或收入证明",
     "The person is under {minimum} ({age}); {provinceName} asks for proof of employment or income",
     "§6 (data)"),
    ("subject.non_local_individual", "warning",
     "证件地址在{certificateProvinceName}，不在{provinceName}：{provinceName}{rule}",
     "The address on the certificate is in {certificateProvinceName}, not {provinceName}: {provinceName} {rule}",
     "§6, §12 (data)"),
    ("subject.non_local_hint", "warning",
     "身份证号码显示首次签发地在{idProvinceName}，请确认证件地址：如证件地址不在{provinceName}，{provinceName}{rule}",
     "The ID number was first issued in {idProvinceName}; check the certificate address: if it is outside {provinceName}, {provinceName} {rule}",
     "§6, §12 (M)"),
    ("principal.legal_rep_required", "warning",
     "{provinceName}要求由法定代表人担任主体负责人；请改由法定代表人作主体负责人，或先向接入商确认是否接受授权书",
     "{provinceName} requires the legal representative as principal; make them the principal, or first ask your provider whether an authorisation letter is accepted",
     "§6 (data)"),
    ("certificate.long_term_too_young", "error",
     "长期有效的居民身份证只发给46周岁以上的公民，持证人现在{age}周岁；请按证件背面填写有效期截止日期",
     "Long-term resident ID cards are issued only from the age of 46 and the holder is {age}; enter the expiry date printed on the back",
     "§4.1 (H)"),
    ("legal_representative.missing", "warning",
     "主体负责人不是法定代表人时，授权书由法定代表人签署，多数接入商和微信小程序备案要求填写法定代表人的姓名和证件号码；您的接入商不要求时可确认后继续",
     "When the principal is not the legal representative, the authorisation letter is the legal representative's, and most providers and WeChat mini-program filings ask for their name and certificate number; confirm to go on if your provider does not",
     "§6 (M)"),
    ("principal.non_mainland", "warning",
     "{provinceName}要求：法定代表人为境外人员时，由其授权持中国大陆居民身份证的人员担任主体负责人，并提供授权书",
     "{provinceName}: when the legal representative is from outside the mainland, they authorise a holder of a mainland resident ID as principal, with an authorisation letter",
     "§6, §7 (data)"),
    ("responsible.must_differ", "warning",
     "{provinceName}要求单位的网站负责人与主体负责人不是同一人",
     "{provinceName} requires a unit's website responsible to be someone other than the principal",
     "§6, §7 (data)"),
    ("responsible.must_equal_principal", "warning",
     "主体负责人不是法定代表人时，{provinceName}要求网站负责人与主体负责人为同一人",
     "When the principal is not the legal representative, {provinceName} requires the website responsible to be the principal",
     "§6, §7 (data)"),
    ("responsible.must_differ_when_not_legal_rep", "warning",
     "主体负责人不是法定代表人时，{provinceName}要求网站负责人由其他人担任",
     "When the principal is not the legal representative, {provinceName} requires someone else as website responsible",
     "§6, §7 (data)"),
    ("office_phone.landline_required", "warning",
     "{provinceName}要求单位填写固定电话作为办公电话",
     "{provinceName} requires units to give a landline as the office phone",
     "§4.4, §6 (data)"),
    ("office_phone.same_as_mobile", "warning",
     "{provinceName}要求办公电话不能与主体负责人的手机号码相同",
     "{provinceName} requires the office phone to differ from the principal's mobile",
     "§4.4, §6 (data)"),
    ("websites.too_many", "warning",
     "{provinceName}每次最多提交{max}个{what}，当前{count}个",
     "{provinceName}: at most {max} per order ({what}); this one has {count}",
     "§5.3, §6, §12 (data)"),
    ("domains.too_many", "warning",
     "每个网站通常只填写{max}个域名，当前{count}个",
     "Domains on one website: usually at most {max}; this one has {count}",
     "§5.3 (data)"),
    ("domains.distinct_prefixes", "warning",
     "{provinceName}将名称不同的域名视为不同网站，请为每个域名分别添加网站",
     "{provinceName} treats domains with different names as different websites; add one website per domain",
     "§5.3, §6 (data)"),
    ("remark.required", "warning",
     "{requirement}（{provinceName}的接入商审核时通常会要求，未写明的备案常被退回）",
     "{requirement} (providers in {provinceName} usually ask for it and return filings without it)",
     "§6 (data)"),
    ("website.name_symbols", "error",
     "名称中不能使用“{character}”，只可使用文字、数字和 ( ) -",
     "“{character}” is not allowed in the name; use letters, digits and ( ) - only",
     "§5.1 (H)"),
    ("website.name_is_domain", "error",
     "名称不能是域名，请填写能反映内容的名称",
     "The name can't be a domain; give a name that describes the content",
     "§5.1 (H)"),
    ("website.name_latin_only", "error",
     "名称不能只有字母或数字，请包含中文",
     "The name can't be only Latin letters or digits; include Chinese",
     "§5.1 (H)"),
    ("website.name_too_short", "error",
     "名称至少{minimum}个字（括号和短横线不计），当前{length}个",
     "The name needs at least {minimum} characters (brackets and hyphens don't count); it has {length}",
     "§5.1 (data)"),
    ("website.name_national_prefix", "warning",
     "名称以“{word}”开头：通常只有国家级单位可以使用，并需提供证明文件；如不是，请修改名称",
     "The name starts with “{word}”: usually only national-level units may, with supporting documents; otherwise change the name",
     "§5.1, §12 (data)"),
    ("website.name_forbidden_word", "error",
     "个人网站名称不能包含“{word}”，请改用说明网站内容的名称，如“张三的读书笔记”",
     "A personal website's name can't contain “{word}”; name it after what the site holds, such as 张三的读书笔记 (Zhang San's reading notes)",
     "§5.1 (data)"),
    ("website.name_forbidden_word_inside", "warning",
     "个人网站名称不能用“{word}”这样的词；如这里的“{word}”是另一个词的一部分（如“神经网络”“交流电路”），请确认后继续，否则请修改名称",
     "Personal website names can't use words like “{word}”; if here it is part of another word (as in 神经网络 or 交流电路), confirm and go on, otherwise change the name",
     "§5.1 (data)"),
    ("website.name_discouraged_word", "warning",
     "个人网站名称含“{word}”，可能被认为涉及企业或经营内容",
     "“{word}” in a personal website's name may be read as business content",
     "§5.1 (data)"),
    ("website.name_sensitive", "error",
     "名称不能包含敏感词“{word}”",
     "The name can't contain the sensitive word “{word}”",
     "§5.1 (data)"),
    ("website.name_sensitive_inside", "warning",
     "名称不能包含敏感词“{word}”；如这里的“{word}”是前后两个词相连而成（如“秋色情怀”是“秋色”加“情怀”，“防腐反腐蚀”中的“反腐蚀”），请确认后继续，否则请修改名称",
     "The name can't contain the sensitive word “{word}”; if here it only arises where two words meet (秋色情怀 is 秋色 + 情怀; 反腐蚀 means anti-corrosion), confirm and go on, otherwise change the name",
     "§5.1 (data)"),
    ("website.name_sensitive_unit", "warning",
     "名称含有“{word}”：通常只有以此为职能的单位（如纪检监察、公安机关）使用，接入商可能要求说明；如名称与本单位职能相符，请确认",
     "The name contains “{word}”: usually only bodies whose work it is (discipline inspection, public security) use it, and the provider may ask why; confirm if it matches your organisation's work",
     "§5.1 (L)"),
    ("website.name_duplicate", "warning",
     "{provinceName}要求同一主体的网站名称互不相同（与{otherName}相同）",
     "{provinceName} requires a subject's websites to have different names (same as {otherName})",
     "§5.1, §6 (data)"),
    ("website.unit_name_personal", "warning",
     "单位网站的名称里有“{word}”：单位网站名称宜用单位全称、简称或与业务相关的名称，接入商可能退回；个人网站请以个人身份备案。如名称与本单位业务相符，请确认",
     "The name of a unit's website contains “{word}”: a unit's site is named for the unit or its business, and the provider may return it; a personal site is filed by the person. If the name fits your organisation's business, confirm",
     "§5.1 (M)"),
    ("website.name_suffix", "warning",
     "{provinceName}要求单位网站名称为单位全称或简称加“{suffix}”，例如“示例科技{suffix}”",
     "{provinceName} asks for the unit's full or short name followed by “{suffix}”, like 示例科技{suffix}",
     "§5.1, §6 (data)"),
    ("website.personal_pre_approval_topic", "warning",
     "“{word}”可能被认为涉及{categoryName}，此类内容需要前置审批，个人不能取得。如不涉及，请在备注中写明“不涉及{categoryName}等前置审批内容”；部分省份还需签署不涉及前置审批承诺书",
     "“{word}” may be read as {categoryName}, which needs a pre-approval individuals can't hold. If the site or APP doesn't cover it, say so in the remark (“does not involve {categoryName} or other pre-approval content”); some provinces also ask for a signed pledge",
     "§5.6, §12 (M)"),
    ("pre_approval.required", "warning",
     "名称、备注或主办单位名称涉及{categoryName}（“{word}”），通常需要前置审批，请添加审批文件或确认不涉及",
     "The name, remark or subject name suggests {categoryName} (“{word}”), which usually needs a pre-approval; add it or confirm it doesn't apply",
     "§5.6 (M)"),
    ("website.personal_abolished_topic", "warning",
     "“{word}”可能被认为涉及{categoryName}。这类前置审批已在全国取消，但部分管局仍会要求，个人也无法取得：如不涉及，请在备注中写明“不涉及{categoryName}等前置审批内容”",
     "“{word}” may be read as {categoryName}. That pre-approval was abolished nationally, but some bureaus still ask for it and individuals can't hold it: if the site or APP doesn't cover it, say so in the remark (“does not involve {categoryName} or other pre-approval content”)",
     "§5.6, §12 (M)"),
    ("pre_approval.abolished_topic", "warning",
     "名称、备注或主办单位名称涉及{categoryName}（“{word}”）。这类前置审批已在全国取消，但部分管局仍会要求：请按所在省份的要求添加审批文件，或确认不需要",
     "The name, remark or subject name suggests {categoryName} (“{word}”). This pre-approval was abolished nationally, but some bureaus still ask for it: add it if your province does, or confirm it isn't needed",
     "§5.6 (H)"),
    ("pre_approval.individual_not_allowed", "error",
     "个人不能取得前置审批，涉及前置审批的内容需要以单位备案",
     "Individuals can't hold pre-approvals; content that needs one must be filed by a unit",
     "§5.6 (H)"),
    ("pre_approval.category_unknown", "error",
     "前置审批类型“{value}”不存在",
     "“{value}” is not a pre-approval category",
     "§5.6 (contract)"),
    ("service_content.unknown", "error",
     "服务内容“{value}”不存在",
     "“{value}” is not a service content choice",
     "§5.4 (contract)"),
    ("service_content.personal_not_allowed", "warning",
     "个人网站的服务内容通常只能选择{allowed}，其他选项可能被退回",
     "A personal site usually chooses {allowed} as service content; other choices may be refused",
     "§5.4 (M)"),
    ("language.unknown", "error",
     "语言“{value}”不存在",
     "“{value}” is not a language choice",
     "§5.5 (contract)"),
    ("domain.scheme", "error",
     "域名不需要填写 http:// 或 https://，也不带“/”后面的路径",
     "Enter the domain without http:// or https://, and without the path after “/”",
     "§5.2 (standard)"),
    ("domain.path", "error",
     "只填写域名，不要带路径、端口或空格",
     "Enter only the domain, without a path, port or spaces",
     "§5.2 (standard)"),
    ("domain.ip_address", "error",
     "“{value}”是IP地址：备案的是域名，请填写域名，例如 example.com",
     "“{value}” is an IP address: a filing names domains; enter a domain, like example.com",
     "§5.2 (standard)"),
    ("domain.format", "error",
     "“{value}”不是有效的域名，例如 example.com",
     "“{value}” is not a valid domain, like example.com",
     "§5.2 (standard)"),
    ("domain.duplicate", "error",
     "域名在本次备案中重复填写",
     "This domain is already in this filing",
     "§5.3 (contract)"),
    ("domain.personal_site_and_app", "warning",
     "个人备案通常不能在同一订单中为网站和APP填写同一域名，请分两次备案",
     "A personal filing usually can't use one domain for a website and an APP in one order; file them separately",
     "§2.1 (M)"),
    ("domain.tld_not_fileable", "warning",
     "“.{suffix}”不在工信部批准的可备案顶级域名中，通常无法备案，请更换域名或先向接入商确认",
     "“.{suffix}” is not among the top-level domains the MIIT approves for filing; change the domain or check with the provider first",
     "§5.2 (data)"),
    ("domain.tld_caution", "warning",
     "“.{suffix}”域名能否备案各地说法不一，请先向接入商确认",
     "Whether “.{suffix}” domains can be filed is disputed; check with the provider first",
     "§5.2 (data)"),
    ("domain.tld_typo", "warning",
     "“.{suffix}”不是顶级域名，可能是“.{suggestion}”打错了：请核对域名",
     "“.{suffix}” is no top-level domain, perhaps a slip for “.{suggestion}”: check the domain",
     "§5.2 (standard)"),
    ("domain.tld_unlisted", "warning",
     "“.{suffix}”不在已知可备案的顶级域名列表中，请在工信部域名信息备案管理系统中核实",
     "“.{suffix}” is not on the known list of fileable TLDs; check it with the MIIT domain registry",
     "§5.2 (M)"),
    ("domain.tld_refused_for_individuals", "warning",
     "{provinceName}不接受个人以“.{suffix}”域名备案，请更换域名或先向接入商确认",
     "{provinceName} doesn't accept “.{suffix}” domains in personal filings; change the domain or check with the provider first",
     "§5.2, §6 (data)"),
    ("domain.government_only", "warning",
     "“.{suffix}”域名只供党政机关、群团机关以及行使行政职能的事业单位和社会团体注册使用：主办单位属于其中之一的，请确认；否则请核对主办单位性质或更换域名",
     "“.{suffix}” domains are for party and government bodies, people's organisations, and public institutions or social groups that exercise administrative functions: if the subject is one of them, confirm; otherwise check the subject type or use another domain",
     "§5.2 (data)"),
    ("domain.government_suffix", "warning",
     "党政机关网站应使用 .gov.cn 或 .政务 域名",
     "Government websites should use .gov.cn or .政务 domains",
     "§5.2 (M)"),
    ("domain.institution_suffix", "warning",
     "事业单位网站应使用 .cn 或 .公益 域名",
     "Public institutions' websites should use .cn or .公益 domains",
     "§5.2 (M)"),
    ("domain.second_level_registry", "warning",
     "“{registry}”之下的名称由私营的二级注册机构出售，不是在工信部批准的顶级域名下注册的域名，通常无法备案；请改用直接在顶级域名下注册的域名，或先向接入商确认",
     "Names under “{registry}” are sold by a private second-level registry, not registered under an approved top-level domain, and usually can't be filed; use a domain registered directly under a top-level domain, or ask your provider first",
     "§5.2 (M)"),
    ("domain.subdomain", "warning",
     "“{domain}”是 {registrable} 的下级域名：网站备案填写主域名 {registrable} 即可，其下级域名在同一接入商无需单独备案",
     "“{domain}” is a sub-domain of {registrable}: file the registrable domain {registrable}; its sub-domains at the same provider need no separate filing",
     "§5.2 (M)"),
    ("domain.holder_mismatch", "error",
     "域名持有者“{holder}”与主办者名称不一致：工信部要求域名持有者与备案主体一致，请先办理域名过户或更换域名",
     "The domain is held by “{holder}”, not the subject: the MIIT requires the holder to be the filing subject; transfer the domain first or use another",
     "§5.2, §12 (H)"),
    ("domain.holder_unconfirmed", "warning",
     "域名持有者“{holder}”不是主办单位：如持有者是法定代表人，部分接入商可以接受；否则请先办理域名过户",
     "The domain is held by “{holder}”, not the unit: some providers accept the legal representative as holder; otherwise transfer the domain first",
     "§5.2 (M)"),
    ("domain.holder_not_unit", "warning",
     "{provinceName}要求单位网站的域名由单位本身持有（当前为“{holder}”），请先办理域名过户",
     "{provinceName} requires a unit's domain to be held by the unit itself (now “{holder}”); transfer it first",
     "§5.2, §6 (data)"),
    ("domain.expired", "error",
     "域名已于{date}到期，请先续费",
     "The domain expired on {date}; renew it first",
     "§5.2, §12 (H)"),
    ("domain.expiring_soon", "warning",
     "域名将于{date}到期，剩余不足{months}个月，审核可能不通过，建议先续费",
     "The domain expires on {date}, less than {months} months from now; the review may fail, so renew it first",
     "§5.2 (data)"),
    ("domain.facts_date_invalid", "warning",
     "注册商提供的日期“{value}”不是有效日期（应为 YYYY-MM-DD），未能据此核对域名的到期或实名认证时间，请向注册商核实",
     "The registrar's date “{value}” is not a valid date (YYYY-MM-DD), so the domain's expiry or real-name verification could not be checked; confirm it with the registrar",
     "§5.2 (contract)"),
    ("domain.real_name_missing", "error",
     "域名尚未完成实名认证，工信部要求备案域名已实名，请先在注册商处完成实名认证",
     "The domain has no real-name verification yet; the MIIT requires it for filed domains, so complete it at the registrar first",
     "§5.2, §12 (H)"),
    ("domain.real_name_recent", "warning",
     "域名于{date}完成实名认证，同步到工信部通常需要3至5个工作日，过早提交可能被退回",
     "Real-name verification completed on {date}; it usually takes 3 to 5 working days to reach the MIIT, so submitting earlier may be refused",
     "§5.2, §12 (M)"),
    ("homepage.format", "error",
     "首页地址不正确，例如 www.example.com",
     "Enter the home page like www.example.com",
     "§5.3 (form)"),
    ("homepage.not_under_domain", "warning",
     "首页地址的域名“{host}”不在本网站的域名中，请核对",
     "The home page's host “{host}” is not one of this website's domains; check it",
     "§5.3 (M)"),
    ("app.platform_duplicate", "error",
     "同一平台只能填写一次",
     "Each platform can be listed only once",
     "§2.1 (contract)"),
    ("app.package_duplicate", "warning",
     "与{otherName}在同一平台的包名相同：一个包名只属于一个APP，同一个APP请只填写一次",
     "The same package name on the same platform as {otherName}: a package name belongs to one APP; list an APP once",
     "§2.1 (M)"),
    ("app.platform_unknown", "error",
     "平台“{value}”不存在",
     "“{value}” is not a platform choice",
     "§2.1 (contract)"),
    ("app.package_name_format", "error",
     "包名应为反向域名格式，例如 com.example.app",
     "The package name is reverse-DNS, like com.example.app",
     "§2.1 (data)"),
    ("app.app_id_format", "warning",
     "小程序的AppID由字母和数字组成，微信小程序的是wx加16位字符，例如wx8a9f8b7c6d5e4f3a：请在小程序后台「开发 → 开发管理 → 开发设置」中复制，不要填写小程序名称",
     "A mini-program's AppID is letters and digits, and a WeChat one is wx and 16 more, like wx8a9f8b7c6d5e4f3a: copy it from the mini-program's admin (Development → Development management → Development settings), not its name",
     "§2.1 (L)"),
    ("app.bundle_id_format", "error",
     "Bundle ID由字母、数字和短横线“-”组成，用点“.”分段，每段不能为空，例如 com.example.my-app",
     "A Bundle ID is letters, digits and hyphens in parts separated by periods, none of them empty, like com.example.my-app",
     "§12 (standard)"),
    ("app.bundle_id_reverse_dns", "warning",
     "Bundle ID通常为反向域名格式，例如 com.example.my-app；请与 App Store Connect 中显示的 Bundle ID 核对",
     "A Bundle ID is usually reverse-DNS, like com.example.my-app; check it against the one App Store Connect shows",
     "§12 (M)"),
    ("app.md5_format", "error",
     "签名MD5应为32位十六进制字符（0–9、A–F），这里是{length}位",
     "The signature MD5 is 32 hexadecimal characters (0–9, A–F); this has {length}",
     "§2.1 (standard)"),
    ("app.sha1_format", "error",
     "证书SHA-1应为40位十六进制字符（0–9、A–F），这里是{length}位",
     "The certificate SHA-1 is 40 hexadecimal characters (0–9, A–F); this has {length}",
     "§2.1 (standard)"),
    ("app.sha1_missing", "warning",
     "部分接入商要求iOS应用填写证书SHA-1",
     "Some providers require the certificate SHA-1 for iOS apps",
     "§2.1 (M)"),
    ("app.name_generic", "warning",
     "APP名称不宜使用通用或营销词“{word}”",
     "An APP name shouldn't be a generic or marketing word like “{word}”",
     "§2.1 (data)"),
    ("app.name_symbols", "warning",
     "APP名称含符号或表情“{character}”，应用商店和管局通常不接受，请与商店中的名称保持一致",
     "The APP name contains the symbol or emoji “{character}”, which stores and bureaus usually refuse; use the name shown in the app store",
     "§2.1, §12 (M)"),
}

/// Texts of the widget's own interface: `(key, zh-CN, en)`.
const UI_TEXT: &[(&str, &str, &str)] = &[
    ("section.subject", "主办者信息", "Subject"),
    ("section.basics", "备案类型与地区", "Filing type and province"),
    ("section.services", "网站 / APP信息", "Websites and APPs"),
    ("section.review", "核对信息", "Check your answers"),
    ("tasks.label", "备案步骤", "Filing steps"),
    ("status.notStarted", "未开始", "Not started"),
    ("status.inProgress", "填写中", "In progress"),
    ("status.hasProblems", "有问题", "Has problems"),
    ("status.complete", "已完成", "Complete"),
    ("status.ready", "可以提交", "Ready to send"),
    ("continue", "保存并继续", "Save and continue"),
    ("continue.toReview", "保存并返回核对", "Save and go back to the check page"),
    ("certificate.legend.unit", "单位证件", "The organisation's certificate"),
    ("certificate.legend.individual", "您的身份证件", "Your ID document"),
    ("certificate.legend.principal", "主体负责人证件", "The principal's ID document"),
    ("certificate.legend.legalRepresentative", "法定代表人证件", "The legal representative's ID document"),
    ("certificate.legend.responsible", "负责人证件", "The responsible person's ID document"),
    ("choose", "请选择", "Choose"),
    ("yes", "是", "Yes"),
    ("no", "否", "No"),
    ("remove", "删除", "Remove"),
    ("confirm.yes", "确定", "Yes"),
    ("confirm.no", "取消", "Cancel"),
    ("confirm.remove", "删除“{name}”及其中填写的内容？", "Remove {name} and everything typed in it?"),
    ("confirm.startOver", "清空已填写的全部内容，重新开始？", "Clear everything typed and start over?"),
    ("confirm.new", "开始新的备案后，这里不再显示这份备案的进度。开始吗？", "Once a new filing is started, this one's progress is no longer shown here. Start one?"),
    ("basics.intro", "先选择备案类型和备案省份，即可看到预计审核时间。", "Choose the filing type and province first; the estimated review time then appears with the timeline."),
    ("basics.need.title", "我需要备案吗？", "Do I need to file?"),
    ("basics.need.mainland", "网站、APP使用中国内地服务器提供服务，上线前必须完成ICP备案，在购买服务器的接入商处办理。", "A website or APP served from a server in mainland China must be filed before it goes live, through the provider the server is bought from."),
    ("basics.need.overseas", "使用香港、澳门、台湾或境外服务器的网站不需要备案。", "Sites on servers in Hong Kong, Macao, Taiwan or abroad do not file."),
    ("basics.need.commercial", "提供收费的经营性互联网信息服务，需要办理ICP许可证（经营性），而不是备案。", "A paid (commercial) online information service needs an ICP licence instead of a filing."),
    ("filingType.label", "备案类型", "Filing type"),
    ("filingType.first", "首次备案", "First filing"),
    ("filingType.newWebsite", "新增网站", "Add a website"),
    ("filingType.newAccess", "新增接入", "New access"),
    ("filingType.change", "变更备案", "Change a filing"),
    ("filingType.first.hint", "主体和网站都从未备案过。", "Neither the subject nor the website has been filed before."),
    ("filingType.newWebsite.hint", "主体已有备案号，再为新的网站或APP备案。", "The subject already has a filing number; file another website or APP."),
    ("filingType.newAccess.hint", "网站已在其他接入商备案，现在迁到本接入商的服务器。", "The website is filed with another provider and moves to this provider's servers."),
    ("filingType.change.hint", "修改已备案的主体或网站信息。", "Change the details of an existing filing."),
    ("changeScope.label", "变更内容", "What changes"),
    ("changeScope.hint", "决定由谁完成工信部短信核验：变更主体信息为主体负责人，变更网站或APP信息为其负责人。", "This decides who answers the MIIT SMS: the subject principal for the subject's data, the responsible person for a website's or APP's."),
    ("changeScope.subject", "变更主体信息", "The subject's data"),
    ("changeScope.services", "变更网站或APP信息", "A website's or APP's data"),
    ("changeScope.both", "主体和网站或APP信息都变更", "Both the subject's and a website's or APP's data"),
    ("province.label", "备案省份", "Filing province"),
    ("province.hint", "主办者证件住所所在的省份；企业不能跨省备案。", "The province of the subject's registered address; companies cannot file in another province."),
    ("filingNumber.label", "主体备案号", "Filing number"),
    ("filingNumber.hint", "例如 {abbr}ICP备2026012345号", "For example {abbr}ICP备2026012345号"),
    ("filingNumber.hint.newWebsite", "例如 {abbr}ICP备2026012345号（主体备案号，不带“-1”等网站序号）", "For example {abbr}ICP备2026012345号 (the subject's number, without a website's “-1”)"),
    ("kind.hint", "与证件一致：企业、个人、事业单位等。", "As on the certificate: enterprise, individual, public institution and so on."),
    ("certificateAddress.label", "证件住所", "Address on the certificate"),
    ("certificateAddress.hint", "与证件上的住所完全一致；护照、通行证上没有住所的，填写常住地址", "Exactly as printed on the certificate; passports and permits print none: give your permanent address"),
    ("validity.hint", "选择证件上的有效期截止日期；长期有效的证件请勾选“长期有效”。", "The expiry date on the certificate; tick long-term if it has none."),
    ("address.legend", "通信地址", "Mailing address"),
    ("address.province.label", "省份", "Province"),
    ("address.city.label", "城市", "City"),
    ("address.district.label", "区县", "District"),
    ("address.detail.label", "详细地址", "Street address"),
    ("address.detail.hint", "写到门牌号，不要重复省市区；没有门牌号请在备注中说明。", "Down to the house number, without repeating province, city and district; if there is no number, say so in the remark."),
    ("address.loading", "正在加载省市区数据…", "Loading the list of cities and districts…"),
    ("address.unavailable", "省市区数据暂时无法加载，可以先填写其他信息，稍后再选择。", "The list of cities and districts could not be loaded; fill in the rest and choose them later."),
    ("website.filingNumber.label", "网站备案号", "The website's filing number"),
    ("app.filingNumber.label", "APP备案号", "The APP's filing number"),
    ("service.filingNumber.hint", "已取得的备案号：主体备案号后加“-1”等序号，APP的序号后还有“A”", "The number it holds: the subject's number with “-1” and so on, and an “A” after an APP's"),
    ("legalRep.label", "主体负责人是否为法定代表人", "Is the principal the legal representative?"),
    ("legalRep.hint", "部分省份要求主体负责人为法定代表人，否则需提供授权书。", "Some provinces require the legal representative, or an authorisation letter."),
    ("legalRepresentative.name.label", "法定代表人姓名", "The legal representative's full name"),
    ("legalRepresentative.name.hint", "单位证件上的法定代表人（负责人），由其签署授权书", "As named on the organisation's certificate; they sign the authorisation letter"),
    ("principal.heading", "主体负责人", "Principal"),
    ("principal.heading.individual", "您的联系方式", "Your contact details"),
    ("person.name.label", "姓名", "Full name"),
    ("person.name.hint", "与证件上的姓名一致", "As printed on the ID document"),
    ("mobile.label", "手机号码", "Mobile number"),
    ("mobile.hint", "11位中国内地手机号，用于接收工信部核验短信；170、171等虚拟运营商号段可能收不到", "11-digit mainland mobile number; it receives the MIIT verification SMS, which virtual-operator numbers (170, 171 …) may not get"),
    ("emergencyPhone.label", "应急联系电话", "Emergency phone"),
    ("emergencyPhone.hint", "与手机号码不同的号码", "A different number from the mobile"),
    ("email.label", "电子邮箱", "E-mail"),
    ("email.hint", "例如 name@example.com", "For example name@example.com"),
    ("officePhone.label", "办公电话", "Office phone"),
    ("officePhone.hint", "带区号的固定电话，例如 010-12345678", "Landline with area code, for example 010-12345678"),
    ("remark.label", "备注", "Remark"),
    ("required.note", "标有 * 的为必填项", "Fields marked * are required"),
    ("remark.hint", "选填，例如地址没有门牌号的说明", "Optional, for example why the address has no house number"),
    ("remark.service.hint", "选填，需要向审核人员说明的情况", "Optional, anything the reviewers should know"),
    ("services.intro", "每个网站或APP单独填写。", "Fill in each website or APP separately."),
    ("services.intro.individual", "每个网站或APP单独填写。个人备案的网站负责人通常就是您本人。", "Fill in each website or APP separately. For a personal filing, the responsible person is usually you."),
    ("website.add", "添加网站", "Add a website"),
    ("app.add", "添加APP", "Add an APP"),
    ("website.title", "网站", "Website"),
    ("app.title", "APP", "APP"),
    ("website.name.label", "网站名称", "Website name"),
    ("website.name.hint", "至少3个汉字，与网站内容相符", "At least 3 Chinese characters, matching the content"),
    ("website.name.hint.individual", "至少3个汉字，说明网站的内容，如“张三的读书笔记”；个人网站不能用“博客”“网站”“主页”“论坛”“平台”等词", "At least 3 Chinese characters saying what the site holds, such as 张三的读书笔记 (Zhang San's reading notes); a personal site can't use words like 博客 (blog), 网站 (website), 主页 (home page), 论坛 (forum) or 平台 (platform)"),
    ("app.name.label", "APP名称", "APP name"),
    ("app.name.hint", "与应用商店中的名称一致", "As listed in the app stores"),
    ("homepage.label", "网站首页URL", "Homepage URL"),
    ("homepage.hint", "例如 www.example.com，必须使用上面的域名之一", "For example www.example.com; it must use one of the domains above"),
    ("domains.label", "网站域名", "Domains"),
    ("domains.hint", "不带 http:// 和 www，已实名认证且在有效期内", "Without http:// or www; real-name verified and not expiring soon"),
    ("domain.add", "添加域名", "Add a domain"),
    ("domain.item", "域名", "Domain"),
    ("serviceContent.label", "网站服务内容", "Service content"),
    ("serviceContent.hint", "选择网站实际提供的内容；个人网站只能选择部分类型", "What the site actually offers; personal sites may choose only some types"),
    ("serviceContent.more", "其他类型（接入商一般不接受个人选择，以接入商要求为准）", "Other types (providers usually refuse them from individuals; your provider decides)"),
    ("languages.label", "网站语言", "Languages"),
    ("app.domains.label", "APP关联域名", "Domains the APP uses"),
    ("app.domains.hint", "选填：APP访问的域名，不带 http:// 和 www，已实名认证且在有效期内", "Optional: domains the APP connects to, without http:// or www; real-name verified and not expiring soon"),
    ("app.serviceContent.label", "APP服务内容", "APP service content"),
    ("app.serviceContent.hint", "选择APP实际提供的内容；个人APP只能选择部分类型", "What the APP actually offers; personal APPs may choose only some types"),
    ("app.languages.label", "APP语言", "APP languages"),
    ("app.responsible.heading", "APP负责人", "Person responsible for the APP"),
    ("preApprovals.label", "前置审批", "Pre-approvals"),
    ("preApprovals.hint", "涉及新闻、出版、药品、文化、广播电视等内容时，需要填写主管部门的审批文号；教育、医疗保健的审批已在全国取消，部分管局仍会要求", "Needed when the content involves news, publishing, drugs, culture, radio and TV and similar: the approval number from the authority. The education and health approvals were abolished nationally, though some bureaus still ask for them"),
    ("preApproval.category", "审批类型", "Approval type"),
    ("preApproval.number", "审批文号", "Approval number"),
    ("preApproval.item", "前置审批", "Pre-approval"),
    ("preApproval.add", "添加前置审批", "Add a pre-approval"),
    ("platforms.label", "APP平台", "Platforms"),
    ("platform.label", "平台", "Platform"),
    ("platform.add", "添加平台", "Add a platform"),
    ("packageName.label", "包名 / Bundle ID", "Package name / bundle ID"),
    ("packageName.hint", "例如 com.example.app", "For example com.example.app"),
    ("signatureMd5.label", "签名MD5值", "Signature MD5"),
    ("signatureMd5.hint", "32位十六进制字符", "32 hexadecimal characters"),
    ("publicKey.label", "公钥", "Public key"),
    ("certSha1.label", "证书SHA-1值", "Certificate SHA-1"),
    ("certSha1.hint", "40位十六进制字符", "40 hexadecimal characters"),
    ("certSha1.hint.ios", "40位十六进制字符（iOS应用常需填写）", "40 hexadecimal characters (often required for iOS)"),
    ("bundleId.label", "Bundle ID", "Bundle ID"),
    ("package.label", "包名", "Package name"),
    ("appId.label", "小程序AppID", "Mini-program AppID"),
    ("appId.hint", "在小程序管理后台的开发设置中查看，例如微信小程序为wx开头的18位字符", "Shown in the mini-program's developer settings; a WeChat AppID has 18 characters starting with wx"),
    ("publicKey.hint", "签名证书的公钥，可用 keytool 或 openssl 从签名证书导出", "The signing certificate's public key, exported from it with keytool or openssl"),
    ("responsible.heading", "网站负责人", "Responsible person"),
    ("responsible.same", "与主体负责人相同", "Same as the principal"),
    ("responsible.same.individual", "与您本人相同", "Same as you"),
    ("responsible.copy", "复制其他网站/APP的负责人", "Copy from another website or APP"),
    ("responsible.copy.none", "不复制", "Don't copy"),
    ("responsible.copied", "已复制负责人信息：", "Responsible person copied: "),
    ("review.intro", "提交前请核对以下信息，可以点击“修改”返回对应位置。", "Check everything before you submit; use Change to go back to any answer."),
    ("review.change", "修改", "Change"),
    ("review.skipToSubmit", "核对无误？跳到提交", "All correct? Skip to submit"),
    ("review.empty", "未填写", "Not given"),
    ("review.warnings", "请确认以下提示", "Confirm these warnings"),
    ("review.warnings.hint", "这些情况可能导致管局驳回，但也有合理的例外。请逐条核对后勾选确认。", "These often lead to rejection, but real exceptions exist. Check each one and tick to confirm."),
    ("summary.confirm", "请确认：", "Confirm: "),
    ("materials.heading", "需准备的材料", "Materials to prepare"),
    ("provinceNotes.heading", "备案省份管局的其他要求", "Other requirements of the province's bureau"),
    ("provinceNotes.hint", "表单无法核对这些要求，请自行确认；各地要求变化较快，以接入商说明为准。", "The form can't check these; confirm them yourself. Provincial rules change often: your provider's guidance comes first."),
    ("materials.hint", "接入商初审时需要上传，彩色原件扫描件或照片，四角完整、无反光。", "Uploaded during the provider's review: colour scans or photos of the originals, edges complete, no glare."),
    ("timeline.heading", "预计审核时间", "Estimated review time"),
    ("timeline.needBasics", "选择备案类型和备案省份后显示预计时间。", "Choose the filing type and province to see the estimate."),
    ("timeline.unavailable", "暂时无法估算该省份的审核时间。", "No estimate is available for this province."),
    ("timeline.likely", "今天提交，预计 ", "Submitted today, likely done by "),
    ("timeline.late", " 完成，最晚 ", "; at the latest "),
    ("timeline.latest", "最晚", "latest"),
    ("timeline.legal", "按规定，管局应在收到材料后20个工作日内（约 {date} 前）作出决定。", "By law the bureau decides within 20 working days of receiving the filing (around {date})."),
    ("timeline.legal.range", "按规定，管局应在收到材料后20个工作日内作出决定：约 {date} 前，材料晚到时最晚 {late} 前。", "By law the bureau decides within 20 working days of receiving the filing: around {date}, or by {late} if the filing reaches it late."),
    ("timeline.provisional", "预计时间用到了内置节假日数据未包含的年份，日期为暂估。", "The estimate reaches a year that is not in the bundled holiday data; the dates are provisional."),
    ("timeline.legend.review", "审核中（按工作日计）", "In review (working days)"),
    ("timeline.legend.late", "可能延后", "Possible delay"),
    ("timeline.legend.off", "休息日", "Day off"),
    ("progress.heading", "审核进度", "Review progress"),
    ("progress.done", "已完成", "Done"),
    ("progress.current", "进行中", "In progress"),
    ("progress.pending", "待开始", "Not yet"),
    ("progress.rejected", "被退回", "Returned"),
    ("progress.expected", "预计完成", "Expected to end"),
    ("progress.limit.smsVerification", "收到工信部短信（12381）后，需在24小时内完成核验，否则备案会被退回", "Within 24 hours of the MIIT SMS (from 12381), answer it, or the filing is sent back"),
    ("progress.limit.bureauReview", "依法最长20个工作日", "20 working days at most by law"),
    ("progress.completion", "预计完成：", "Expected completion: "),
    ("progress.completion.returned", "尽快修改并重新提交后，预计完成：", "Expected completion once corrected and resubmitted promptly: "),
    ("correction.title", "修改被退回的内容", "Correct what was sent back"),
    ("correction.intro", "审核人员退回了备案，并指出了下面的内容。请逐项修改后重新提交：仍是同一个备案（受理编号不变），但要重新经过接入商初审。", "The reviewer sent the filing back and named what is below. Correct each item and submit again: it stays the same filing (same reference), and goes through the provider's review again."),
    ("correction.changed", "已修改", "changed"),
    ("correction.open", "待修改", "to do"),
    ("correction.stillWrong", "已修改，仍有错误", "changed, still wrong"),
    ("correction.intro.unnamed", "审核人员退回了备案，但没有指明要修改的内容。请联系接入商确认原因后修改，所有内容都可以修改；如果信息无误，可以直接重新提交。仍是同一个备案（受理编号不变），但要重新经过接入商初审。", "The reviewer sent the filing back without naming anything to correct. Ask the provider why and change what they say, as everything can be changed; if everything is right, submit it again as it is. It stays the same filing (same reference), and goes through the provider's review again."),
    ("correction.locked", "其他内容保持提交时的样子，不能修改。", "Everything else stays as it was sent. "),
    ("correction.unlock", "仍要修改其他内容", "Change something else too"),
    ("correction.unlocked", "所有内容都可以修改；改动会一并重新审核。", "Everything can be changed; the reviewer will see every change."),
    ("correction.start", "修改被退回的内容", "Correct what was sent back"),
    ("receipt.returned", "备案被退回，需要修改以下内容后重新提交：", "The filing was sent back. Correct the following and submit again:"),
    ("approved.title", "备案已通过", "Filing approved"),
    ("approved.numbers", "备案号", "Filing numbers"),
    ("approved.footer", "网站上线前，在首页底部中间放置备案号，并链接到工信部备案管理系统。可复制下面的代码：", "Before the website goes live, put its number at the bottom centre of the home page, linked to the MIIT filing system. Copy the code below:"),
    ("approved.footerSubject", "{province}的网站在底部展示主体备案号（不带“-1”等网站序号），下面的代码已按此填写。", "In {province} a website's footer shows the subject's number (without a “-1” site suffix); the code below does."),
    ("approved.app", "APP需在“关于”“设置”等页面显示备案号，并链接到工信部备案管理系统。", "An APP shows its number on an About or Settings screen, linked to the MIIT filing system."),
    ("approved.footer.live", "首页底部中间须展示备案号，并链接到工信部备案管理系统。可复制下面的代码：", "The home page shows its number at the bottom centre, linked to the MIIT filing system. Copy the code below:"),
    ("approved.police.live", "网站尚未办理公安联网备案的，须在全国互联网安全管理服务平台办理：", "A website that has no public-security filing yet needs one, made at "),
    ("approved.police", "网站开通之日起30日内，还需在全国互联网安全管理服务平台办理公安联网备案：", "Within 30 days of going live, the website also needs its public-security filing at "),
    ("approved.on", "通过日期", "Approved on"),
    ("upkeep.title", "备案后的维护", "Keeping the filing up to date"),
    ("upkeep.overdue", "（已到期）", " (past due)"),
    ("approved.change", "变更备案", "Start a change filing"),
    ("footer.check", "上线后检查首页的备案号（由接入商读取页面）", "check the live home page's number (the provider reads the page)"),
    ("removed", "已删除{name}", "Removed {name}"),
    ("copy.button", "复制代码", "Copy the code"),
    ("copy.done", "已复制", "Copied"),
    ("copy.selected", "浏览器未允许复制，代码已选中，请按 Ctrl+C（Mac 上按 ⌘+C）复制", "The browser did not allow copying; the code is selected, press Ctrl+C (⌘+C on a Mac) to copy it"),
    ("footer.checkButton", "检查备案号", "Check the number"),
    ("footer.reading", "正在读取页面…", "Reading the page…"),
    ("footer.linked", "页面已显示备案号 {number}，并链接到工信部备案管理系统。", "The page shows {number}, linked to the MIIT filing system."),
    ("footer.oldLink", "页面显示了备案号 {number}，但链接的是已停用的旧地址。请改为链接到 https://beian.miit.gov.cn/。", "The page shows {number}, but links it to the system's retired address. Link it to https://beian.miit.gov.cn/ instead."),
    ("footer.otherLink", "页面显示了备案号 {number}，但链接到其他网址。请改为链接到 https://beian.miit.gov.cn/。", "The page shows {number}, but links it elsewhere. Link it to https://beian.miit.gov.cn/ instead."),
    ("footer.unlinked", "页面显示了备案号 {number}，但没有链接。请链接到 https://beian.miit.gov.cn/（可直接使用上面的代码）。", "The page shows {number} without a link. Link it to https://beian.miit.gov.cn/ (the code above does)."),
    ("footer.missing", "页面中没有找到备案号 {number}。请在首页底部中间加入上面的代码；未显示备案号可被处以罚款。", "The page doesn't show {number}. Put the code above at the bottom centre of the home page; a missing number can be fined."),
    ("footer.unreadable", "无法读取该页面。请确认网址正确、网站已可访问后重试。", "The page could not be read. Check the address and that the site is reachable, then try again."),
    ("review.changes", "与已通过的备案相比，本次变更", "Changes from the approved filing"),
    ("review.scope.missing", "还没有选择变更内容：它决定由谁完成工信部短信核验。", "What the change changes is not chosen yet: it decides who answers the MIIT SMS."),
    ("review.scope.missingSuggest", "还没有选择变更内容。本次修改了{what}，应选择「{scope}」：它决定由谁完成工信部短信核验。", "What the change changes is not chosen yet. This change alters {what}: choose “{scope}”, which decides who answers the MIIT SMS."),
    ("review.scope.mismatch", "变更内容选择的是「{chosen}」，但本次修改了{what}：请改为「{scope}」，否则工信部核验短信可能发给没有准备的人。", "The change is marked “{chosen}”, but it alters {what}: choose “{scope}”, or the MIIT SMS may reach someone who does not expect it."),
    ("review.scope.change", "修改变更内容", "Change the answer"),
    ("review.changeAdds", "变更备案只修改已备案的网站或APP。新的网站或APP不能在变更中添加：请删除它，待本次变更通过后以“新增网站”备案。", "A change edits the websites and APPs already filed. A new one can't be added in a change: remove it, and file it with “Add a website” once this change is approved."),
    ("review.notChange", "本次填写从已通过的备案（{number}）开始，但备案类型已不是「变更备案」：已备案的网站或APP无需再次备案，请删除它们，或把备案类型改回「变更备案」。", "This filing started from the approved filing {number}, but its type is no longer “Change a filing”: websites and APPs already filed need no new filing; remove them, or set the type back to “Change a filing”."),
    ("review.added", "（新增）", " (new)"),
    ("review.removed", "（删除）", " (removed)"),
    ("review.unnamed", "（未命名）", "(no name yet)"),
    ("review.noChanges", "还没有改动任何内容。请在相应步骤中修改需要变更的信息。", "Nothing has changed yet. Change what needs changing in its step."),
    ("submit.correction", "重新提交", "Submit the correction"),
    ("progress.moved", "提交前显示的预计完成时间是", "Before you submitted, the estimate said "),
    ("progress.moved.why", "；现按实际提交时间重新计算。", "; the dates above count from the time the filing was actually received."),
    ("draft.restored", "已恢复 {time} 保存的草稿。", "Restored the draft saved at {time}."),
    ("draft.earlier", "之前", "an earlier time"),
    ("draft.otherTab", "另一个标签页或窗口在 {time} 保存了这份草稿，与本页的内容不同。本页继续保存时会覆盖它。", "Another tab or window saved this draft at {time}, and it differs from this page. Saving here replaces it."),
    ("draft.loadOther", "载入该草稿", "Load that draft"),
    ("draft.otherTabSent", "这份备案已在另一个标签页或窗口提交（受理编号 {id}）。请查看它的审核进度，不要再次提交。", "This filing was submitted from another tab or window (receipt {id}). Follow its progress rather than submitting it again."),
    ("draft.loadSent", "查看审核进度", "Show its progress"),
    ("draft.keepMine", "保留本页内容", "Keep this page"),
    ("draft.expired", "{time} 保存的草稿已超过45天，接入商会删除这么久未更新的订单，为保护您的个人信息，草稿已从本浏览器删除，请重新填写。", "The draft saved at {time} was more than 45 days old. Providers delete orders left that long, and to protect your personal data it has been deleted from this browser; please start again."),
    ("earlier.same", "上次提交未收到接入商的确认，可能已经送达。再次提交会使用同一个请求编号，接入商只会保存一份，不会重复备案。", "Your last submission got no confirmation from the provider and may have arrived. Submitting again uses the same request ID, so the provider keeps only one copy."),
    ("earlier.changed", "{time} 的提交未收到接入商的确认，可能已经送达。之后您修改了内容，现在提交的是一份新的备案，接入商可能同时收到两份；如不确定，请先向接入商确认上一份是否已收到。", "The submission of {time} got no confirmation and may have arrived. You have changed the filing since, so submitting now sends a new filing and the provider may receive both; if unsure, ask the provider first whether the earlier one arrived."),
    ("draft.keep", "继续填写", "Continue"),
    ("draft.dismiss", "知道了", "OK"),
    ("draft.startOver", "重新开始", "Start over"),
    ("kind.legend", "主办单位性质", "Subject type"),
    ("name.label.individual", "姓名", "Full name"),
    ("name.label.unit", "主办单位名称", "Subject name"),
    ("name.hint.individual", "与身份证件上的姓名一致", "As printed on your ID document"),
    ("name.hint.unit", "与证件（营业执照、法人证书或登记证书）上的名称完全一致", "Exactly as printed on the certificate (business licence, legal-person or registration certificate)"),
    ("certificate.type.label", "证件类型", "Certificate type"),
    ("certificate.type.choose", "请选择", "Choose"),
    ("certificate.number.label", "证件号码", "Certificate number"),
    ("certificate.number.hint", "可以带空格或短横线，提交时会自动去除", "Spaces and dashes are fine; they are removed when you submit"),
    ("certificate.validity.label", "证件有效期至", "Certificate valid until"),
    ("certificate.validity.longTerm", "长期有效", "Long-term (no expiry)"),
    ("prefix.error", "错误：", "Error: "),
    ("prefix.warning", "提示：", "Warning: "),
    ("summary.title", "这里有问题需要处理", "There is a problem"),
    ("summary.server", "服务端校验未通过，请按以下提示修改", "The server's check did not pass; change what is listed below"),
    ("acknowledge", "我已核对，信息无误", "I have checked this and it is correct"),
    ("acknowledge.all", "我已核对以上{count}条提示，信息无误", "I have checked the {count} warnings above and they are correct"),
    ("submit", "提交备案", "Submit filing"),
    ("submitting", "正在提交…", "Submitting…"),
    ("receipt.title", "备案信息已提交", "Filing submitted"),
    ("receipt.title.change", "变更备案已提交", "Change filing submitted"),
    ("receipt.id", "受理编号", "Reference"),
    ("receipt.time", "提交时间", "Received at"),
    ("receipt.timezone", "（北京时间）", " (Beijing time)"),
    ("receipt.next.providerReview", "接入商正在初审，通常需要1至2个工作日。审核人员可能来电核实信息，请保持电话畅通，并留意短信和邮件通知。", "The provider is reviewing the filing, usually for 1 to 2 working days. A reviewer may phone to check details: keep your phone on and watch for SMS and e-mail."),
    ("receipt.next.submission", "初审已通过，接入商正在把备案提交到管局。提交后，工信部会向负责人的手机发送核验短信（发件号码12381）。", "The provider's review passed and the filing is on its way to the bureau. MIIT will then send a verification SMS (from 12381) to the responsible persons' phones."),
    ("receipt.next.smsVerification", "请在收到工信部短信（发件号码12381）后24小时内，登录工信部备案管理系统 https://beian.miit.gov.cn ，输入手机号码、证件号码后6位和短信验证码完成核验。超时未核验，备案会被退回接入商，需要重新提交。", "Within 24 hours of the MIIT SMS (from 12381), sign in to the MIIT filing system at https://beian.miit.gov.cn and enter the phone number, the last 6 characters of the certificate number and the code. Without it the filing goes back to the provider and must be submitted again."),
    ("receipt.next.bureauReview", "管局正在审核，依法最长20个工作日，结果会以短信和邮件通知。审核通过前，网站不能开通访问。", "The provincial bureau is reviewing the filing, for 20 working days at most by law; the result comes by SMS and e-mail. The website may not open before it is approved."),
    ("receipt.next.bureauReview.change", "管局正在审核变更，依法最长20个工作日，结果会以短信和邮件通知。", "The provincial bureau is reviewing the change, for 20 working days at most by law; the result comes by SMS and e-mail."),
    ("receipt.next.resultSync", "管局已审核通过，结果正在同步到接入商，通常1至2个工作日内可以看到备案号。", "The bureau approved the filing; the result is on its way to the provider, and the filing number usually shows within 1 to 2 working days."),
    ("receipt.note", "接入商说明：", "From the provider: "),
    ("receipt.notFound", "接入商的系统里查不到受理编号 {id} 的备案，审核进度暂时无法显示。请联系接入商，告知受理编号和提交时间。", "The provider's system has no filing with the reference {id}, so its progress can't be shown. Contact the provider with the reference and the time it was submitted."),
    ("receipt.returned.unnamed", "备案被退回，但审核意见没有指明要修改的内容。请联系接入商确认原因；如果信息无误，可以直接重新提交。", "The filing was sent back without naming anything to correct. Ask the provider why; if everything is right, submit it again as it is."),
    ("receipt.resubmitted", "重新提交时间", "Resubmitted at"),
    ("failed", "提交失败：", "Could not submit: "),
    ("failed.kept", "您填写的内容已保留。", "Everything you entered is kept."),
    ("failed.detail", "技术信息（供客服参考）：", "Details for support: "),
    ("failed.busy", "服务器繁忙，请稍后重试。", "the server is busy; try again in a while."),
    ("failed.server", "服务器出错，请稍后重试。", "the server had an error; try again in a while."),
    ("failed.signedOut", "服务器不接受这次提交，可能是登录已过期：请重新登录控制台后再提交。", "the server did not accept this submission, perhaps because your session has expired: sign in to the console again, then submit."),
    ("failed.refused", "服务器拒绝了这份备案，原样再提交不会成功：请联系平台客服，按其说明修改后再提交。", "the server refused this filing, and sending it unchanged will not help; contact the provider's support and change what they say before submitting again."),
    ("failed.conflict", "服务器上已有与这份备案冲突的申请，例如同一备案号下正在审核的订单：原样再提交不会成功。请等那份申请审核结束后再提交，或联系平台客服。", "the server holds an application this filing conflicts with, such as an order for the same filing number under review, and sending it unchanged will not help: submit again once that one's review has ended, or contact the provider's support."),
    ("failed.orderInReview", "这个备案号下已有一份申请正在审核，审核结束前不能再提交：请等它审核结束后再提交。", "another application for this filing number is under review, and nothing more can be submitted for it until that review ends: submit again once it has."),
    ("failed.endpoint", "提交地址不可用（服务器上没有这个接口），问题不在您填写的内容：请联系平台客服，修复后原样再提交即可。", "the submission address is not available (the server has no such endpoint), and nothing in your filing is wrong: contact the provider's support, then submit it again unchanged."),
    ("failed.setup", "备案表单的设置有误，无法提交，请联系平台客服。", "the filing form is not set up to submit; contact the provider's support."),
    ("retry", "重试", "Try again"),
    ("new", "开始新的备案", "Start a new filing"),
    ("network", "网络连接失败，请检查网络后重试。", "the network request failed; check the connection and try again."),
    ("timeout", "服务器长时间没有响应，请稍后重试。", "the server did not answer in time; try again in a while."),
    ("response.noId", "服务器的应答中没有受理编号，请稍后重试。", "the server's answer had no reference number; try again in a while."),
    ("crashed", "备案表单出现内部错误，已填写的内容已保存。请刷新页面后继续。", "The filing form hit an internal error. What you entered is saved; reload the page to continue."),
];

/// A text of the widget's interface; unknown keys render as the key.
pub fn ui(key: &str, locale: Locale) -> &'static str {
    UI_TEXT
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, zh, en)| locale.pick(zh, en))
        .unwrap_or("")
}

/// Field labels by path pattern: `(pattern, zh-CN, en, is_choice)`.
const FIELD_LABELS: &[(&str, &str, &str, bool)] = &[
    ("filingType", "备案类型", "the filing type", true),
    ("province", "备案省份", "the filing province", true),
    ("filingNumber", "主体备案号", "the filing number", false),
    ("changeScope", "变更内容", "what the change changes", true),
    ("subject.kind", "主办单位性质", "the subject type", true),
    ("subject.name", "主办单位名称", "the subject name", false),
    ("subject.name.individual", "姓名", "your full name", false),
    (
        "subject.certificate.type",
        "证件类型",
        "the certificate type",
        true,
    ),
    (
        "subject.certificate.number",
        "证件号码",
        "the certificate number",
        false,
    ),
    (
        "subject.certificateAddress",
        "证件住所",
        "the address on the certificate",
        false,
    ),
    (
        "subject.principalIsLegalRepresentative",
        "主体负责人是否为法定代表人",
        "whether the principal is the legal representative",
        true,
    ),
    (
        "certificate.validUntil",
        "证件有效期",
        "the certificate's validity",
        false,
    ),
    (
        "address.province",
        "通信地址的省份",
        "the province of the mailing address",
        true,
    ),
    (
        "address.city",
        "通信地址的城市",
        "the city of the mailing address",
        true,
    ),
    (
        "address.district",
        "通信地址的区县",
        "the district of the mailing address",
        true,
    ),
    ("address.detail", "详细地址", "the detailed address", false),
    ("person.name", "姓名", "the full name", false),
    (
        "person.certificate.type",
        "证件类型",
        "the certificate type",
        true,
    ),
    (
        "person.certificate.number",
        "证件号码",
        "the certificate number",
        false,
    ),
    ("person.mobile", "手机号码", "the mobile number", false),
    ("person.email", "电子邮箱", "the e-mail address", false),
    (
        "person.emergencyPhone",
        "应急联系电话",
        "the emergency phone",
        false,
    ),
    ("person.officePhone", "办公电话", "the office phone", false),
    ("website.name", "网站名称", "the website name", false),
    ("app.name", "APP名称", "the APP name", false),
    (
        "website.domains",
        "至少一个域名",
        "at least one domain",
        false,
    ),
    ("website.domain", "域名", "the domain", false),
    ("website.homepage", "首页地址", "the home page", false),
    (
        "service.serviceContent",
        "服务内容",
        "the service content",
        true,
    ),
    ("service.languages", "语言", "the language", true),
    (
        "preApproval.number",
        "审批文号",
        "the approval number",
        false,
    ),
    (
        "app.platforms",
        "至少一个平台",
        "at least one platform",
        true,
    ),
    ("app.platform", "平台", "the platform", true),
    ("app.packageName", "包名", "the package name", false),
    ("app.signatureMd5", "签名MD5", "the signature MD5", false),
    ("app.publicKey", "公钥", "the public key", false),
    ("remark", "备注", "the remark", false),
];

/// The label of a field in `locale`, and whether it is chosen rather than typed.
pub fn field_label(pattern: &str, locale: Locale) -> (&'static str, bool) {
    label_where(|p| p == pattern, locale)
}

/// The label of a field when it has one of its own.
pub fn known_field_label(pattern: &str, locale: Locale) -> Option<&'static str> {
    FIELD_LABELS
        .iter()
        .find(|(p, ..)| *p == pattern)
        .map(|(_, zh, en, _)| locale.pick(zh, en).trim_start_matches("the "))
}

/// The label of the first field whose pattern satisfies `matches`.
fn label_where(matches: impl Fn(&str) -> bool, locale: Locale) -> (&'static str, bool) {
    FIELD_LABELS
        .iter()
        .find(|(p, ..)| matches(p))
        .map(|(_, zh, en, choice)| (locale.pick(zh, en), *choice))
        .unwrap_or((locale.pick("此项", "this field"), false))
}

/// Removes `[i]` indices from a path: `websites[1].name` → `websites.name`.
pub fn path_pattern(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if !in_index => out.push(c),
            _ => {}
        }
    }
    out
}

/// How a filer finds the field at a report path away from the field itself: its website or
/// person, then its label (「网站 1 · 网站名称」, 「主体负责人 · 手机号码」, 「主办单位名称」).
pub fn path_label(path: &str, locale: Locale) -> String {
    let pattern = path_pattern(path);
    let last = pattern.rsplit('.').next().unwrap_or("");
    // One item of a list is named in the singular (a domain of `domains`), and so is a
    // whole list of domains or platforms: the plural's label is what "required" asks for
    // (至少一个域名).
    let last = match path.ends_with(']') || matches!(last, "domains" | "platforms") {
        true => last.strip_suffix('s').unwrap_or(last),
        false => last,
    };
    let item = |prefix: &str| -> Option<usize> {
        let rest = path.strip_prefix(prefix)?;
        rest[..rest.find(']')?].parse::<usize>().ok().map(|i| i + 1)
    };
    let who = whose(path, locale);
    let (owner, scopes): (Option<String>, [&str; 3]) = if who.is_some() {
        (who, ["person.", "person.certificate.", "certificate."])
    } else if let Some(n) = item("websites[") {
        (
            Some(format!("{} {n}", locale.pick("网站", "Website"))),
            ["website.", "service.", "app."],
        )
    } else if let Some(n) = item("apps[") {
        (Some(format!("APP {n}")), ["app.", "service.", "website."])
    } else if pattern.starts_with("subject.address") {
        (None, ["address.", "address.", "address."])
    } else {
        (None, ["", "subject.", "subject.certificate."])
    };
    let full = |scope: &str| {
        if scope.is_empty() {
            pattern.clone()
        } else {
            format!("{scope}{last}")
        }
    };
    let label = scopes
        .iter()
        .map(|scope| full(scope))
        .find_map(|p| FIELD_LABELS.iter().find(|(q, ..)| *q == p))
        .map(|(_, zh, en, _)| locale.pick(zh, en).trim_start_matches("the "));
    match (owner, label) {
        (Some(owner), Some(label)) => format!("{owner} · {label}"),
        (Some(owner), None) => owner,
        (None, Some(label)) => label.to_owned(),
        (None, None) => path.to_owned(),
    }
}

/// [`path_label`] in a filing of `individual`: an individual's own contact details are named
/// as the form names them (「您的联系方式 · 手机号码」), not as a principal's.
pub fn path_label_for(path: &str, individual: bool, locale: Locale) -> String {
    let own = path
        .strip_prefix("subject.principal.")
        .filter(|_| individual)
        .and_then(|field| known_field_label(&format!("person.{field}"), locale));
    match own {
        Some(label) => format!("{} · {label}", ui("principal.heading.individual", locale)),
        None => path_label(path, locale),
    }
}

/// Which website, APP or APP platform a path is in: 「网站 2」, 「APP 1 · 平台 2」 (`None` for
/// the subject's paths), as the form's groups are named.
pub fn service_owner(path: &str, locale: Locale) -> Option<String> {
    let item = |text: &str, prefix: &str| -> Option<(usize, usize)> {
        let at = text.find(prefix)? + prefix.len();
        let end = at + text[at..].find(']')?;
        text[at..end]
            .parse::<usize>()
            .ok()
            .map(|i| (i + 1, end + 1))
    };
    if let Some((n, _)) = item(path, "websites[").filter(|_| path.starts_with("websites[")) {
        return Some(format!("{} {n}", locale.pick("网站", "Website")));
    }
    let (n, rest) = item(path, "apps[").filter(|_| path.starts_with("apps["))?;
    Some(match item(&path[rest..], ".platforms[") {
        Some((m, _)) => format!("APP {n} · {} {m}", ui("platform.label", locale)),
        None => format!("APP {n}"),
    })
}

/// Who a person path refers to, for messages that point at another field:
/// `websites[1].responsible.mobile` → 「网站 2 负责人的手机号码」 / "website 2's responsible person's mobile number".
pub fn describe_path(path: &str, locale: Locale) -> String {
    let Some(who) = whose(path, locale) else {
        // Another website or APP (its name, its package) is named as its card is.
        return service_owner(path, locale).unwrap_or_else(|| path.to_owned());
    };
    let field = path.rsplit('.').next().unwrap_or("");
    let (label, _) = label_where(|p| p.strip_prefix("person.") == Some(field), locale);
    match locale {
        Locale::ZhCn => format!("{who}的{label}"),
        Locale::En => format!("{who}'s {}", label.trim_start_matches("the ")),
    }
}

/// Whose field a person path is: 主体负责人, 网站 2 负责人, APP 1 负责人 (`None` for other paths).
pub fn whose(path: &str, locale: Locale) -> Option<String> {
    let index = |prefix: &str| -> Option<usize> {
        let rest = path.strip_prefix(prefix)?;
        let end = rest.find(']')?;
        let after = &rest[end + 1..];
        after.starts_with(".responsible").then_some(())?;
        rest[..end].parse::<usize>().ok().map(|i| i + 1)
    };
    if path.starts_with("subject.principal.") {
        Some(locale.pick("主体负责人", "the principal").to_owned())
    } else if path.starts_with("subject.legalRepresentative.") {
        Some(
            locale
                .pick("法定代表人", "the legal representative")
                .to_owned(),
        )
    } else if let Some(n) = index("websites[") {
        Some(match locale {
            Locale::ZhCn => format!("网站 {n} 负责人"),
            Locale::En => format!("website {n}'s responsible person"),
        })
    } else {
        index("apps[").map(|n| match locale {
            Locale::ZhCn => format!("APP {n} 负责人"),
            Locale::En => format!("APP {n}'s responsible person"),
        })
    }
}

/// The message for `code`, filled from `params`; names from the rule data (provinces,
/// categories, service contents, requirements) come from `data`, the data the rules ran
/// with. Unknown codes render as the code itself.
pub fn render(
    code: &str,
    params: &BTreeMap<String, String>,
    locale: Locale,
    data: &RuleData,
) -> String {
    let Some((_, zh, en)) = TEMPLATES.iter().find(|(c, ..)| *c == code) else {
        return code.to_owned();
    };
    crate::template::fill(locale.pick(zh, en), |name| {
        Some(param_text(name, params, locale, data))
    })
}

/// A param's display text; some names are derived from others (labels, type names).
fn param_text<'a>(
    name: &str,
    params: &'a BTreeMap<String, String>,
    locale: Locale,
    data: &'a RuleData,
) -> Cow<'a, str> {
    let get = |key: &str| params.get(key).map(String::as_str).unwrap_or("");
    match name {
        "field" => field_label(get("field"), locale).0.into(),
        // A character that shows as nothing (a zero-width space pasted with the text) is
        // named by its code point.
        "character" => match get("character").chars().next() {
            Some(c) if is_invisible(c) || c.is_whitespace() => {
                format!("U+{:04X}", u32::from(c)).into()
            }
            _ => get("character").into(),
        },
        "verb" => {
            let choice = field_label(get("field"), locale).1;
            match (locale, choice) {
                (Locale::ZhCn, true) => "选择",
                (Locale::ZhCn, false) => "填写",
                (Locale::En, true) => "Select",
                (Locale::En, false) => "Enter",
            }
            .into()
        }
        "otherName" => describe_path(get("other"), locale).into(),
        "provinceName" => province_name(get("province"), locale, data).into(),
        "certificateProvinceName" => province_name(get("certificateProvince"), locale, data).into(),
        "idProvinceName" => province_name(get("idProvince"), locale, data).into(),
        "categoryName" => {
            let names: Vec<&str> = get("category")
                .split(',')
                .map(|slug| {
                    data.pre_approval_category(slug)
                        .map_or(slug, |c| locale.choose(&c.zh, &c.en))
                })
                .collect();
            names.join(locale.pick("、", ", ")).into()
        }
        "allowed" => {
            let names: Vec<&str> = get("allowed")
                .split(',')
                .map(|slug| {
                    data.service_content(slug)
                        .map_or(slug, |c| locale.choose(&c.zh, &c.en))
                })
                .collect();
            names.join(locale.pick("、", ", ")).into()
        }
        "what" => match (get("what"), locale) {
            ("domains", Locale::ZhCn) => "域名".into(),
            ("domains", Locale::En) => "domains".into(),
            ("services", Locale::ZhCn) => "网站或APP".into(),
            ("services", Locale::En) => "websites or APPs".into(),
            (_, Locale::ZhCn) => "网站".into(),
            (_, Locale::En) => "websites".into(),
        },
        // A municipality (北京, 天津, 上海, 重庆) is a city: 外地, 本市. Hong Kong, Macao and
        // Taiwan are not 外省.
        "rule" => match get("rule") {
            _ if matches!(get("certificateProvince"), "810000" | "820000" | "710000") => {
                match get("rule") {
                    "notAllowed" => locale.pick(
                        "不接受非本地居民的个人备案",
                        "does not accept personal filings by non-residents",
                    ),
                    _ => locale.pick(
                        "非本地居民个人需提供本地居住证（含港澳台居民居住证）或暂住证等证明",
                        "asks non-residents for a local residence permit (a Hong Kong, Macao and Taiwan residents' permit counts) or similar proof",
                    ),
                }
            }
            "notAllowed" => locale.pick(
                "不接受外省个人备案",
                "does not accept personal filings by people from other provinces",
            ),
            _ if matches!(get("province"), "110000" | "120000" | "310000" | "500000") => locale
                .pick(
                    "外地个人需提供本市居住证或暂住证等证明",
                    "asks people from elsewhere for a local residence permit or similar proof",
                ),
            _ => locale.pick(
                "外省个人需提供本省居住证或暂住证等证明",
                "asks people from other provinces for a local residence permit or similar proof",
            ),
        }
        .into(),
        "requirement" => {
            let province = data.province(get("province"));
            let texts: Vec<&str> = get("requirement")
                .split(',')
                .map(|id| {
                    data.remark_requirements(province)
                        .find(|item| item.id == id)
                        .map_or(id, |item| item.text(locale))
                })
                .collect();
            texts.join(locale.pick("；", "; ")).into()
        }
        "kindName" => SubjectKind::from_slug(get("kind"))
            .map_or(get("kind"), |k| subject_kind_name(k, locale))
            .into(),
        "typeName" => CertificateType::from_slug(get("type"))
            .map_or(get("type"), |t| certificate_type_name(t, locale))
            .into(),
        other => get(other).into(),
    }
}

/// A province's name from its code; the code itself when unknown, "全国"/"China" for the
/// national default (`000000`), which templates use as their subject (「全国要求…」, "China
/// requires …").
fn province_name<'a>(code: &'a str, locale: Locale, data: &'a RuleData) -> &'a str {
    match code {
        "000000" => return locale.pick("全国", "China"),
        "810000" => return locale.pick("香港", "Hong Kong"),
        "820000" => return locale.pick("澳门", "Macao"),
        "710000" => return locale.pick("台湾", "Taiwan"),
        _ => {}
    }
    data.province_for_region(code)
        .map_or(code, |p| p.display_name(locale))
}

/// Display name of a subject kind.
pub fn subject_kind_name(kind: SubjectKind, locale: Locale) -> &'static str {
    use SubjectKind as K;
    let (zh, en) = match kind {
        K::Enterprise => ("企业", "enterprise"),
        K::Individual => ("个人", "individual"),
        K::Government => ("政府机关", "government body"),
        K::Institution => ("事业单位", "public institution"),
        K::Military => ("国防机构", "defence organisation"),
        K::SocialGroup => ("社会团体", "social group"),
        K::PrivateNonEnterprise => ("民办非企业单位", "private non-enterprise unit"),
        K::Foundation => ("基金会", "foundation"),
        K::LawFirm => ("律师执业机构", "law firm"),
        K::ForeignCultureCenter => ("外国在华文化中心", "foreign cultural centre"),
        K::MassOrganization => ("群众性团体组织", "mass organisation"),
        K::JudicialExpertise => ("司法鉴定机构", "forensic expertise institution"),
        K::Religious => ("宗教团体", "religious organisation"),
        K::OverseasOrganization => ("境外机构", "overseas organisation"),
        K::Medical => ("医疗机构", "medical institution"),
        K::Notary => ("公证机构", "notary office"),
        K::CollectiveEconomy => ("集体经济", "collective economic organisation"),
        K::Arbitration => ("仲裁机构", "arbitration body"),
    };
    locale.pick(zh, en)
}

/// Display name of a certificate type.
pub fn certificate_type_name(kind: CertificateType, locale: Locale) -> &'static str {
    use CertificateType as C;
    let (zh, en) = match kind {
        C::Uscc => ("统一社会信用代码", "unified social credit code"),
        C::ResidentId => ("居民身份证", "resident ID card"),
        C::Passport => ("护照", "passport"),
        C::HkMacaoPermit => (
            "港澳居民来往内地通行证",
            "Mainland Travel Permit for HK and Macao Residents",
        ),
        C::TaiwanPermit => (
            "台湾居民来往大陆通行证",
            "Mainland Travel Permit for Taiwan Residents",
        ),
        C::ForeignPermanentResidentId => {
            ("外国人永久居留身份证", "Foreign Permanent Resident ID Card")
        }
        C::HkMacaoTaiwanResidencePermit => (
            "港澳台居民居住证",
            "Residence Permit for HK, Macao and Taiwan Residents",
        ),
        C::BusinessLicense => (
            "营业执照（注册号）",
            "business licence (registration number)",
        ),
        C::OrganizationCode => ("组织机构代码证", "organisation code certificate"),
        C::ForeignEnterpriseRepOffice => (
            "外国企业常驻代表机构登记证",
            "foreign enterprise representative office certificate",
        ),
        C::InstitutionLegalPerson => (
            "事业单位法人证书",
            "public institution legal person certificate",
        ),
        C::MilitaryCode => ("部队代号", "military unit code"),
        C::MilitaryServiceLicense => (
            "军队单位对外有偿服务许可证",
            "military paid-service licence",
        ),
        C::SocialGroupRegistration => (
            "社会团体法人登记证书",
            "social group registration certificate",
        ),
        C::PrivateNonEnterpriseRegistration => (
            "民办非企业单位登记证书",
            "private non-enterprise unit registration certificate",
        ),
        C::SocialServiceRegistration => (
            "社会服务机构登记证书",
            "social service organisation registration certificate",
        ),
        C::PrivateSchoolLicense => ("民办学校办学许可证", "private school licence"),
        C::FoundationRegistration => ("基金会法人登记证书", "foundation registration certificate"),
        C::LawFirmLicense => ("律师事务所执业许可证", "law firm practice licence"),
        C::ForeignCultureCenterRegistration => (
            "外国在华文化中心登记证",
            "foreign cultural centre registration certificate",
        ),
        C::ForeignTourismOfficeRegistration => (
            "外国政府旅游部门常驻代表机构批准登记证",
            "foreign tourism office registration certificate",
        ),
        C::EmbassySchoolLicense => (
            "北京市外国驻华使馆人员子女学校办学许可证",
            "embassy staff children's school licence (Beijing)",
        ),
        C::JudicialExpertiseLicense => ("司法鉴定许可证", "forensic expertise licence"),
        C::ReligiousVenueRegistration => (
            "宗教活动场所登记证",
            "religious venue registration certificate",
        ),
        C::OverseasOrganizationCertificate => ("境外机构证件", "overseas organisation certificate"),
        C::MedicalInstitutionLicense => {
            ("医疗机构执业许可证", "medical institution practice licence")
        }
        C::NotaryLicense => ("公证机构执业证", "notary practice certificate"),
        C::CollectiveEconomyRegistration => (
            "农村集体经济组织登记证",
            "rural collective economic organisation certificate",
        ),
        C::ArbitrationRegistration => (
            "仲裁委员会登记证",
            "arbitration commission registration certificate",
        ),
    };
    locale.pick(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_renders_without_leftover_placeholders_in_both_locales() {
        let mut params = BTreeMap::new();
        for key in [
            "field",
            "max",
            "kind",
            "type",
            "length",
            "position",
            "date",
            "prefix",
            "character",
            "category",
        ] {
            params.insert(key.to_owned(), "1".to_owned());
        }
        params.insert("kind".into(), "enterprise".into());
        params.insert("type".into(), "residentId".into());
        params.insert("field".into(), "subject.name".into());
        for (code, ..) in CATALOGUE {
            for locale in [Locale::ZhCn, Locale::En] {
                let text = render(code, &params, locale, RuleData::embedded());
                assert!(!text.contains('{') && !text.contains('}'), "{code}: {text}");
                for raw in [
                    "440000",
                    "110000",
                    "websites[0]",
                    "personalContent",
                    "other,blog",
                ] {
                    assert!(
                        !text.contains(raw),
                        "{code}: derived param left raw: {text}"
                    );
                }
                assert_ne!(text, *code);
            }
        }
    }

    #[test]
    fn every_ui_text_exists_in_both_locales() {
        for (key, zh, en) in UI_TEXT {
            assert!(!zh.is_empty() && !en.is_empty(), "{key}");
            assert_eq!(ui(key, Locale::En), *en);
        }
        assert_eq!(ui("no.such.key", Locale::ZhCn), "");
    }

    #[test]
    fn paths_are_described_by_role() {
        assert_eq!(
            describe_path("websites[1].responsible.mobile", Locale::ZhCn),
            "网站 2 负责人的手机号码"
        );
        assert_eq!(
            describe_path("subject.principal.email", Locale::En),
            "the principal's e-mail address"
        );
        assert_eq!(
            describe_path("apps[0].responsible.mobile", Locale::En),
            "APP 1's responsible person's mobile number"
        );
    }

    #[test]
    fn path_pattern_strips_indices() {
        assert_eq!(path_pattern("websites[12].domains[0]"), "websites.domains");
        assert_eq!(path_pattern("subject.name"), "subject.name");
    }
}

#[cfg(test)]
mod path_label_tests {
    use super::{path_label, Locale};

    #[test]
    fn a_path_is_named_as_the_filer_sees_it() {
        assert_eq!(
            path_label("websites[1].name", Locale::ZhCn),
            "网站 2 · 网站名称"
        );
        assert_eq!(
            path_label("subject.principal.mobile", Locale::ZhCn),
            "主体负责人 · 手机号码"
        );
        assert_eq!(
            path_label("apps[0].packageName", Locale::ZhCn),
            "APP 1 · 包名"
        );
        assert_eq!(path_label("subject.name", Locale::ZhCn), "主办单位名称");
        assert_eq!(
            path_label("websites[0].domains[1]", Locale::ZhCn),
            "网站 1 · 域名"
        );
        assert_eq!(path_label("websites[0]", Locale::ZhCn), "网站 1");
        assert_eq!(
            path_label("websites[0].name", Locale::En),
            "Website 1 · website name"
        );
        // A whole list is named as its field, not as what "required" asks for.
        assert_eq!(
            path_label("websites[1].domains", Locale::ZhCn),
            "网站 2 · 域名"
        );
        assert_eq!(
            path_label("apps[0].platforms", Locale::En),
            "APP 1 · platform"
        );
        assert_eq!(path_label("nonsense", Locale::ZhCn), "nonsense");
        assert_eq!(path_label("websites[", Locale::ZhCn), "websites[");
    }

    #[test]
    fn an_individuals_own_fields_and_the_legal_representatives_are_named_as_the_form_names_them() {
        use super::path_label_for;
        assert_eq!(
            path_label_for("subject.principal.mobile", true, Locale::ZhCn),
            "您的联系方式 · 手机号码"
        );
        assert_eq!(
            path_label_for("subject.principal.mobile", false, Locale::ZhCn),
            "主体负责人 · 手机号码"
        );
        assert_eq!(
            path_label_for("websites[0].name", true, Locale::ZhCn),
            "网站 1 · 网站名称"
        );
        assert_eq!(
            path_label("subject.legalRepresentative.name", Locale::ZhCn),
            "法定代表人 · 姓名"
        );
        // The subject's question about its principal is not the principal's field.
        assert_eq!(
            path_label("subject.principalIsLegalRepresentative", Locale::ZhCn),
            "主体负责人是否为法定代表人"
        );
    }
}

#[cfg(test)]
mod owner_tests {
    use super::*;

    #[test]
    fn a_path_names_its_website_app_or_platform() {
        let zh = |p| service_owner(p, Locale::ZhCn);
        assert_eq!(zh("websites[1].name").as_deref(), Some("网站 2"));
        assert_eq!(
            zh("apps[0].platforms[1].bundleId").as_deref(),
            Some("APP 1 · 平台 2")
        );
        assert_eq!(zh("apps[2].domains[0]").as_deref(), Some("APP 3"));
        assert_eq!(
            service_owner("apps[0].platforms[0].signatureMd5", Locale::En).as_deref(),
            Some("APP 1 · Platform 1")
        );
        assert_eq!(zh("subject.name"), None);
        assert_eq!(zh("websites[x].name"), None);
    }
}
