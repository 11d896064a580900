//! The member's settings and their validation.

use crate::presets::{preset, AccountType};
use serde::{Deserialize, Serialize};

pub const MAX_DAILY_CAP: u32 = 500;
pub const MAX_WEEKLY_CAP: u32 = 1_000;

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
}

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
}

impl SettingsError {
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
}
