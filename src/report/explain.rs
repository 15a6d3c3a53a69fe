//! Explanations in the output's language: the scorer's Chinese sentences as they are, or English
//! rendered from the same numbers by `english`. Kept apart from `facts` so that `english`, which reads
//! the facts, and the facts themselves do not import each other.

use super::english;
use super::facts::Facts;
use super::messages::Lang;
use crate::score::status::Warning;
use crate::score::{IndicatorResult, ObjectiveResult};

impl Facts<'_> {
    /// The indicator's explanation in the language.
    pub fn explanation(&self, r: &IndicatorResult) -> String {
        match self.lang {
            Lang::Zh => r.explanation.clone(),
            Lang::En => english::indicator(self, r),
        }
    }

    /// An objective's explanation in the language.
    pub fn objective_explanation(&self, o: &ObjectiveResult) -> String {
        match self.lang {
            Lang::Zh => o.explanation.clone(),
            Lang::En => english::objective(self, o),
        }
    }

    /// A warning's message in the language.
    pub fn warning_message(&self, w: &Warning, about: Option<&IndicatorResult>) -> String {
        match self.lang {
            Lang::Zh => w.message.clone(),
            Lang::En => english::warning(self, w, about),
        }
    }
}
