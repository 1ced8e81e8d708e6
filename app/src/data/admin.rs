//! What administrators change: agencies, services (processing time, fees, collection
//! places, the form version in use), offices (hours, slot capacity) and who holds which
//! staff role. Every change is written with its audit entry in one transaction, and marks
//! the row as edited so the seed no longer overwrites it.

pub mod agencies;
pub mod offices;
pub mod roles;
pub mod services;

use serde_json::{Map, Value};

/// The fields a change touched, as the audit entry's detail: `{"field": [before, after]}`.
/// Fields left as they were are not listed.
#[derive(Default)]
pub struct Changes(Map<String, Value>);

impl Changes {
    pub fn field(&mut self, name: &str, before: impl Into<Value>, after: impl Into<Value>) {
        let (before, after) = (before.into(), after.into());
        if before != after {
            self.0
                .insert(name.to_string(), Value::Array(vec![before, after]));
        }
    }

    /// Names what was changed (a fee's id) whatever the fields.
    pub fn note(&mut self, name: &str, value: impl Into<Value>) {
        self.0.insert(name.to_string(), value.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn detail(&self) -> String {
        Value::Object(self.0.clone()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_fields_are_listed() {
        let mut c = Changes::default();
        c.field("name_en", "Old", "New");
        c.field("phone", "020", "020");
        c.field("days", 3, 5);
        assert_eq!(c.detail(), r#"{"days":[3,5],"name_en":["Old","New"]}"#);
        let mut none = Changes::default();
        none.field("x", Value::Null, Value::Null);
        assert!(none.is_empty());
    }
}
