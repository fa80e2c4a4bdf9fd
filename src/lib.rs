//! icp-filing: prepare a China ICP filing (ICP备案) and check it before it is submitted.
//!
//! The crate has three layers and data flows one way through them:
//!
//! * the pure core — [`model`] (the filing as typed data), [`ident`] (identifier parsing),
//!   [`rules`] (validation into a [`report::Report`]), [`messages`] (zh-CN / en texts, filled
//!   by the one [`template`] filler; [`locale`] and [`severity`] are leaves the rule data,
//!   the messages and the report share, so none of them depends back on another),
//!   [`calendar`] and [`timeline`] (working days and review estimates). It has no web
//!   dependency, never reads the clock and compiles natively and on wasm32;
//! * the UI (`web::ui`, wasm32 only): Yew components that render a draft filing;
//! * the boundary (`web`, wasm32 only): the JS API, options parsing, HTTP and storage.
//!
//! The `icp-precheck` CLI and the `icp-receiver` reference server run the same core
//! natively, so the browser and the back end can never disagree.

/// Defines a fieldless enum whose JSON form is a fixed string per variant, with
/// `slug()`, `from_slug()` and `ALL` (in declaration order). Hand-written serde impls keep
/// the wasm build free of a derive per enum.
macro_rules! slug_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $slug:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The JSON name, e.g. `"residentId"`.
            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug,)* }
            }

            /// The value for a JSON name.
            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some($name::$variant),)* _ => None }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.slug())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                Self::from_slug(&text).ok_or_else(|| {
                    serde::de::Error::unknown_variant(&text, &[$($slug),*])
                })
            }
        }
    };
}

pub mod aftercare;
pub mod calendar;
pub mod correction;
pub mod dates;
pub mod delivery;
pub mod draft;
pub mod form;
pub mod hints;
pub mod ident;
pub mod locale;
pub mod materials;
pub mod messages;
pub mod model;
pub mod options;
pub mod regions;
pub mod rejections;
pub mod report;
pub mod ruledata;
pub mod rules;
pub mod severity;
pub mod sort;
pub mod template;
pub mod timeline;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// Version of the rule set a [`report::Report`] was produced with.
pub const RULESET_VERSION: &str = concat!("icp-rules/", env!("CARGO_PKG_VERSION"));
