//! The member's settings and their validation.

use crate::health::PENDING_WARN_DEFAULT;
use crate::presets::{preset, AccountType};
use crate::template::{utf16_len, NOTE_MAX_PREMIUM};
use serde::{Deserialize, Serialize};

pub const MAX_DAILY_CAP: u32 = 500;
pub const MAX_WEEKLY_CAP: u32 = 1_000;

/// Enough for a few audiences (recruiters, alumni, event contacts) and short enough to pick from in
/// the note dialog.
pub const MAX_TEMPLATES: usize = 10;
/// Characters (Unicode scalar values) in a template's name, which only the member sees.
pub const MAX_TEMPLATE_NAME_CHARS: usize = 40;
/// UTF-16 code units in a template's text: the longest note LinkedIn accepts (Premium;
/// docs/linkedin.md §13.4, docs/linkedin.md §3). Whether a filled note fits the member's own box is
/// the live
/// counter's job (`template::fill`), as placeholders change the length.
pub const MAX_TEMPLATE_TEXT_UNITS: usize = NOTE_MAX_PREMIUM;

/// A saved personalised note with `{firstName}`-style placeholders (see `template`). Missing
/// fields load as empty so that one damaged template is reported by [`validate_templates`] rather
/// than failing the whole settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteTemplate {
    pub name: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub preset: AccountType,
    pub daily_cap: u32,
    pub weekly_cap: u32,
    /// The level turns low when the binding remaining count is at or below this.
    pub warn_remaining: u32,
    /// At spent, stop the click with no "Send anyway".
    pub hard_block: bool,
    /// Hints and confirm panels in LinkedIn's page; the badge and popup work either way.
    pub in_page_ui: bool,
    /// Keep invitees' names in the history (privacy).
    pub store_names: bool,
    /// Saved personalised notes. Left out of the stored JSON while empty, so settings saved before
    /// templates existed, and the default settings, keep their shape.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<NoteTemplate>,
    /// The popup warns when more invitations than this are pending (issue 4; the default and its
    /// source are `health::PENDING_WARN_DEFAULT`). Left out of the stored JSON at its default.
    #[serde(skip_serializing_if = "is_default_pending_warn")]
    pub pending_warn: u32,
    /// How long the history is kept, in months: one of [`RETENTION_MONTHS`], or `None` to keep it
    /// for ever (the default: the acceptance statistics and the learned cap grow with it). Older
    /// events are deleted (`privacy::retention_cutoff`, `privacy::expire`). Left out of the stored
    /// JSON at its default, so settings saved before it existed keep their shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_months: Option<u32>,
    /// "Don't keep who I invited": once an invitation is settled (accepted, or withdrawn and past
    /// LinkedIn's re-invite cooldown) the person is dropped from it (`privacy::forget_settled`).
    /// Off by default; left out of the stored JSON while off.
    #[serde(skip_serializing_if = "is_false")]
    pub forget_invitees: bool,
    /// Share this computer's counts with the member's other computers through the browser's own
    /// sync (`core::sync`, issue 14): on by default; left out of the stored JSON while on.
    #[serde(skip_serializing_if = "is_true")]
    pub share_counts: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

/// The retention periods the options offer, in months: a quarter (enough for the three-month
/// acceptance rate the popup shows), half a year, a year, two years.
pub const RETENTION_MONTHS: [u32; 4] = [3, 6, 12, 24];

fn is_default_pending_warn(n: &u32) -> bool {
    *n == PENDING_WARN_DEFAULT
}

/// The highest pending-invitation warning threshold the options accept.
pub const MAX_PENDING_WARN: u32 = 10_000;

impl Default for Settings {
    fn default() -> Self {
        let p = preset(AccountType::Free).expect("the free preset exists");
        Settings {
            preset: AccountType::Free,
            daily_cap: p.daily_cap,
            weekly_cap: p.weekly_cap,
            warn_remaining: 5,
            hard_block: false,
            in_page_ui: true,
            store_names: true,
            templates: Vec::new(),
            pending_warn: PENDING_WARN_DEFAULT,
            retention_months: None,
            forget_invitees: false,
            share_counts: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    DailyCapOutOfRange,
    WeeklyCapOutOfRange,
    DailyAboveWeekly,
    WarnAboveWeekly,
    /// The caps differ from the chosen preset's; choose "custom" to set your own.
    PresetMismatch,
    /// The pending-invitation warning is outside 1..=[`MAX_PENDING_WARN`].
    PendingWarnOutOfRange,
    /// More than [`MAX_TEMPLATES`] note templates.
    TooManyTemplates,
    /// Template at this index: its name is blank or longer than [`MAX_TEMPLATE_NAME_CHARS`].
    TemplateNameLength(usize),
    /// Template at this index has the same name as an earlier one (ignoring case and outer spaces).
    TemplateNameRepeated(usize),
    /// Template at this index: its text is blank or longer than [`MAX_TEMPLATE_TEXT_UNITS`].
    TemplateTextLength(usize),
    /// Template at this index has a control character in its name, or one other than a line break
    /// in its text (a tab or NUL would go out invisibly in the note).
    TemplateControlCharacters(usize),
    /// A retention period other than those of [`RETENTION_MONTHS`].
    RetentionNotOffered,
}

impl SettingsError {
    /// A stable key the pages translate by (`settingsError_<code>` in `_locales`).
    pub fn code(&self) -> &'static str {
        match self {
            SettingsError::DailyCapOutOfRange => "daily_range",
            SettingsError::WeeklyCapOutOfRange => "weekly_range",
            SettingsError::DailyAboveWeekly => "daily_above_weekly",
            SettingsError::WarnAboveWeekly => "warn_above_weekly",
            SettingsError::PresetMismatch => "preset_mismatch",
            SettingsError::PendingWarnOutOfRange => "pending_warn_range",
            SettingsError::TooManyTemplates => "too_many_templates",
            SettingsError::TemplateNameLength(_) => "template_name_length",
            SettingsError::TemplateNameRepeated(_) => "template_name_repeated",
            SettingsError::TemplateTextLength(_) => "template_text_length",
            SettingsError::TemplateControlCharacters(_) => "template_control",
            SettingsError::RetentionNotOffered => "retention",
        }
    }

    /// The template an error is about (0-based), if any.
    pub fn template(&self) -> Option<usize> {
        match self {
            SettingsError::TemplateNameLength(i)
            | SettingsError::TemplateNameRepeated(i)
            | SettingsError::TemplateTextLength(i)
            | SettingsError::TemplateControlCharacters(i) => Some(*i),
            _ => None,
        }
    }

    /// A message for the member (English; the options page translates by code).
    pub fn message(&self) -> &'static str {
        match self {
            SettingsError::DailyCapOutOfRange => "The daily cap must be between 1 and 500.",
            SettingsError::WeeklyCapOutOfRange => "The weekly cap must be between 1 and 1000.",
            SettingsError::DailyAboveWeekly => "The daily cap cannot be above the weekly cap.",
            SettingsError::WarnAboveWeekly => "The warning threshold must be below the weekly cap.",
            SettingsError::PresetMismatch => {
                "These caps differ from the preset; choose Custom to set your own."
            }
            SettingsError::PendingWarnOutOfRange => {
                "The pending-invitation warning must be between 1 and 10000."
            }
            SettingsError::TooManyTemplates => "You can keep at most 10 note templates.",
            SettingsError::TemplateNameLength(_) => {
                "A template's name must be between 1 and 40 characters."
            }
            SettingsError::TemplateNameRepeated(_) => "Two templates have the same name.",
            SettingsError::TemplateTextLength(_) => {
                "A template must be between 1 and 300 characters, LinkedIn's longest note."
            }
            SettingsError::TemplateControlCharacters(_) => {
                "A template can have line breaks but no other control characters."
            }
            SettingsError::RetentionNotOffered => {
                "Keep the history for 3, 6, 12 or 24 months, or for ever."
            }
        }
    }
}

impl Settings {
    pub fn validate(&self) -> Result<(), Vec<SettingsError>> {
        let mut errs = Vec::new();
        if !(1..=MAX_DAILY_CAP).contains(&self.daily_cap) {
            errs.push(SettingsError::DailyCapOutOfRange);
        }
        if !(1..=MAX_WEEKLY_CAP).contains(&self.weekly_cap) {
            errs.push(SettingsError::WeeklyCapOutOfRange);
        }
        if self.daily_cap > self.weekly_cap {
            errs.push(SettingsError::DailyAboveWeekly);
        }
        if self.warn_remaining >= self.weekly_cap {
            errs.push(SettingsError::WarnAboveWeekly);
        }
        if let Some(p) = preset(self.preset) {
            if p.daily_cap != self.daily_cap || p.weekly_cap != self.weekly_cap {
                errs.push(SettingsError::PresetMismatch);
            }
        }
        if !(1..=MAX_PENDING_WARN).contains(&self.pending_warn) {
            errs.push(SettingsError::PendingWarnOutOfRange);
        }
        if let Err(e) = validate_templates(&self.templates) {
            errs.extend(e);
        }
        if self
            .retention_months
            .is_some_and(|m| !RETENTION_MONTHS.contains(&m))
        {
            errs.push(SettingsError::RetentionNotOffered);
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }

    /// Settings with a preset's caps applied (custom keeps the current caps).
    pub fn with_preset(mut self, account: AccountType) -> Settings {
        self.preset = account;
        if let Some(p) = preset(account) {
            self.daily_cap = p.daily_cap;
            self.weekly_cap = p.weekly_cap;
        }
        self
    }
}

/// Checks note templates: at most [`MAX_TEMPLATES`]; each named (1 to
/// [`MAX_TEMPLATE_NAME_CHARS`] characters after trimming, names distinct) and with text of 1 to
/// [`MAX_TEMPLATE_TEXT_UNITS`] UTF-16 units, not blank; no control characters except a line break in
/// the text. Errors carry the template's index so the options page can point at it.
pub fn validate_templates(templates: &[NoteTemplate]) -> Result<(), Vec<SettingsError>> {
    let mut errs = Vec::new();
    if templates.len() > MAX_TEMPLATES {
        errs.push(SettingsError::TooManyTemplates);
    }
    let mut names: Vec<String> = Vec::new();
    for (i, t) in templates.iter().enumerate() {
        let name = t.name.trim();
        if !(1..=MAX_TEMPLATE_NAME_CHARS).contains(&name.chars().count()) {
            errs.push(SettingsError::TemplateNameLength(i));
        }
        let key = name.to_lowercase();
        if !name.is_empty() && names.contains(&key) {
            errs.push(SettingsError::TemplateNameRepeated(i));
        }
        names.push(key);
        if t.text.trim().is_empty() || utf16_len(&t.text) > MAX_TEMPLATE_TEXT_UNITS {
            errs.push(SettingsError::TemplateTextLength(i));
        }
        if t.name.chars().any(char::is_control)
            || t.text.chars().any(|c| c.is_control() && c != '\n')
        {
            errs.push(SettingsError::TemplateControlCharacters(i));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PRESETS;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Settings::default().validate(), Ok(()));
        for p in PRESETS {
            assert_eq!(
                Settings::default().with_preset(p.account).validate(),
                Ok(()),
                "{p:?}"
            );
        }
    }

    #[test]
    fn free_and_premium_share_the_weekly_cap() {
        let free = Settings::default().with_preset(AccountType::Free);
        let premium = Settings::default().with_preset(AccountType::Premium);
        assert_eq!((free.daily_cap, free.weekly_cap), (20, 100));
        assert_eq!(premium.weekly_cap, 100);
    }

    #[test]
    fn invalid_settings_name_each_problem() {
        let s = Settings {
            preset: AccountType::Custom,
            daily_cap: 0,
            weekly_cap: 2000,
            ..Settings::default()
        };
        let errs = s.validate().unwrap_err();
        assert!(errs.contains(&SettingsError::DailyCapOutOfRange));
        assert!(errs.contains(&SettingsError::WeeklyCapOutOfRange));
        let s = Settings {
            preset: AccountType::Custom,
            daily_cap: 50,
            weekly_cap: 40,
            ..Settings::default()
        };
        assert_eq!(s.validate(), Err(vec![SettingsError::DailyAboveWeekly]));
        let s = Settings {
            daily_cap: 25,
            ..Settings::default()
        };
        assert_eq!(s.validate(), Err(vec![SettingsError::PresetMismatch]));
        let s = Settings {
            preset: AccountType::Custom,
            daily_cap: 25,
            ..Settings::default()
        };
        assert_eq!(s.validate(), Ok(()));
    }

    fn template(name: &str, text: &str) -> NoteTemplate {
        NoteTemplate {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn settings_carry_templates() {
        // Settings stored before templates existed load with none.
        let old = r#"{"preset": "free", "daily_cap": 20, "weekly_cap": 100, "warn_remaining": 5,
            "hard_block": false, "in_page_ui": true, "store_names": true}"#;
        let s: Settings = serde_json::from_str(old).unwrap();
        assert_eq!(s, Settings::default());
        assert!(s.templates.is_empty());
        let s = Settings {
            templates: vec![template("Alumni", "Hi {firstName}")],
            ..Settings::default()
        };
        let back: Settings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
        assert_eq!(s.validate(), Ok(()));
        let s = Settings {
            templates: vec![template("", "Hi")],
            ..Settings::default()
        };
        assert_eq!(
            s.validate(),
            Err(vec![SettingsError::TemplateNameLength(0)])
        );
    }

    #[test]
    fn templates_are_checked() {
        assert_eq!(validate_templates(&[]), Ok(()));
        let ok = template("Alumni", "Hi {firstName},\nwe were both at {company}.");
        assert_eq!(validate_templates(std::slice::from_ref(&ok)), Ok(()));
        let many: Vec<_> = (0..11).map(|i| template(&format!("t{i}"), "Hi")).collect();
        assert_eq!(validate_templates(&many[..10]), Ok(()));
        assert_eq!(
            validate_templates(&many),
            Err(vec![SettingsError::TooManyTemplates])
        );
        let bad = [
            ok.clone(),
            template(" ", "x"),
            template(&"é".repeat(41), " \n "),
            template(" alumni ", "Hi\tthere"),
            template("Emoji", &"👋".repeat(151)),
            template(&"é".repeat(40), &"👋".repeat(150)),
        ];
        assert_eq!(
            validate_templates(&bad),
            Err(vec![
                SettingsError::TemplateNameLength(1),
                SettingsError::TemplateNameLength(2),
                SettingsError::TemplateTextLength(2),
                SettingsError::TemplateNameRepeated(3),
                SettingsError::TemplateControlCharacters(3),
                SettingsError::TemplateTextLength(4),
            ])
        );
    }

    #[test]
    fn pending_warn_defaults_stays_out_of_the_json_and_is_checked() {
        let s = Settings::default();
        assert_eq!(s.pending_warn, PENDING_WARN_DEFAULT);
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("pending_warn"), "{json}");
        let s: Settings = serde_json::from_str(r#"{"pending_warn": 300}"#).unwrap();
        assert_eq!(s.pending_warn, 300);
        assert!(s.validate().is_ok());
        let s = Settings {
            pending_warn: 0,
            ..Settings::default()
        };
        assert_eq!(
            s.validate(),
            Err(vec![SettingsError::PendingWarnOutOfRange])
        );
    }
}
