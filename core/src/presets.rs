//! Account-type presets. LinkedIn publishes none of these caps (docs/linkedin.md §13): every number
//! is a
//! default the member can change, shown with where it comes from.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    Free,
    Premium,
    SalesNavigator,
    NewAccount,
    Custom,
}

/// A preset's caps and the sources shown beside each number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub account: AccountType,
    pub daily_cap: u32,
    pub weekly_cap: u32,
    pub daily_source: &'static str,
    pub weekly_source: &'static str,
}

pub const PRESETS: [Preset; 4] = [
    Preset {
        account: AccountType::Free,
        daily_cap: 20,
        weekly_cap: 100,
        daily_source: "No official daily number; 20 a day is PhantomBuster's hard rule and LinkedNav's free-account default (vendor advice, 2025–2026).",
        weekly_source: "About 100 invitations in a rolling 7 days, reported since 2021 (Dux-Soup, Allston Labs) and used by most tools in 2025–2026.",
    },
    Preset {
        account: AccountType::Premium,
        daily_cap: 20,
        weekly_cap: 100,
        daily_source: "No official daily number; the common advice is 15–30 a day spread over the week.",
        weekly_source: "Premium does not raise the weekly limit: about 100 in a rolling 7 days, tested 'regardless of your LinkedIn plan' (Dux-Soup, 2021; PhantomBuster 2026).",
    },
    Preset {
        account: AccountType::SalesNavigator,
        daily_cap: 30,
        weekly_cap: 150,
        daily_source: "30 a day for paid accounts (LinkedNav, 2026).",
        weekly_source: "120–150 a week for paid, well-established accounts (PhantomBuster 2026; Outboundry 150–200 for strong accounts). Lower it if LinkedIn warns you.",
    },
    Preset {
        account: AccountType::NewAccount,
        daily_cap: 10,
        weekly_cap: 50,
        daily_source: "Half the usual advice: new accounts and accounts under ~150 connections 'may experience delivery issues with invitations' (Unipile, 2026).",
        weekly_source: "Half the usual ~100 a week, for the same reason (Unipile, 2026).",
    },
];

/// The preset for an account type; `None` for `Custom`.
pub fn preset(account: AccountType) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.account == account)
}
