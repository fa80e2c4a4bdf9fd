//! placeholder
use crate::messages::Locale;
use crate::model::Filing;
use crate::ruledata::RuleData;
pub struct Material {
    pub code: &'static str,
}
pub fn materials(_f: &Filing, _d: &RuleData) -> Vec<Material> {
    vec![Material { code: "x" }]
}
pub fn material_text(m: &Material, _l: Locale) -> (String, String) {
    (m.code.to_owned(), String::new())
}
