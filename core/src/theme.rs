//! Light or dark: which colours the in-page UI (the hint, the confirm and block panels, the note
//! helper) takes, so that it matches the LinkedIn page it sits on.
//!
//! LinkedIn's own setting is read from markers its page carries (docs/linkedin.md §1.6); only when
//! the page carries none does the system's `prefers-color-scheme` decide: a page that says nothing
//! is best matched by what the member's system shows everywhere else. The markers are data, here,
//! like the classifier's selectors; the content script only reports which of them match
//! (`src/content/page.js`, `theme_marks`).

/// The two colour sets of the in-page UI (`page.js`, `PALETTE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// The name `page.js` knows the colour set by.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// One sign of LinkedIn's theme: a CSS selector the content script matches against `<html>` and
/// `<body>` (and nothing else: two `matches` calls, whatever the page's size), and what it means.
#[derive(Clone, Copy, Debug)]
pub struct ThemeMarker {
    pub selector: &'static str,
    pub theme: Theme,
}

/// LinkedIn's theme markers, in the order they are believed: the first one the page carries decides
/// (docs/linkedin.md §1.6). The 2026 pages' attribute first, then the Ember app's classes; a light
/// Ember class comes after every dark one because a dark Ember page keeps it beside its dark ones.
pub const THEME_MARKERS: &[ThemeMarker] = &[
    // SDUI pages, 2026: `<body data-color-scheme="dark">` (darkreader/darkreader #15398).
    ThemeMarker {
        selector: "body[data-color-scheme=\"dark\"]",
        theme: Theme::Dark,
    },
    // The same attribute's other value: the page says light, whatever the system prefers.
    ThemeMarker {
        selector: "body[data-color-scheme=\"light\"]",
        theme: Theme::Light,
    },
    // Ember pages: Dark Reader's detector hint for linkedin.com, and #15398 (My items,
    // the preferences pages).
    ThemeMarker {
        selector: "html.theme--dark",
        theme: Theme::Dark,
    },
    ThemeMarker {
        selector: "html.theme--mercado-dark",
        theme: Theme::Dark,
    },
    // Premium's pages (darkreader/darkreader #15576; the element is not said, so either).
    ThemeMarker {
        selector: ".theme-dark",
        theme: Theme::Dark,
    },
    // An Ember page in its light theme carries the theme classes without a dark one.
    ThemeMarker {
        selector: "html.theme--mercado",
        theme: Theme::Light,
    },
];

/// [`THEME_MARKERS`]' selectors joined by U+0001, as the content script's `theme_marks` takes them.
pub fn marker_selectors() -> String {
    let mut out = String::new();
    for (i, m) in THEME_MARKERS.iter().enumerate() {
        if i > 0 {
            out.push('\u{1}');
        }
        out.push_str(m.selector);
    }
    out
}

/// The theme from what the page showed: `marks` holds one byte per marker of [`THEME_MARKERS`], in
/// order, `b'1'` where `<html>` or `<body>` matched it; `system_dark` is `prefers-color-scheme:
/// dark`. The first marker matched decides; with none (or a short answer), the system does.
pub fn decide(marks: &[u8], system_dark: bool) -> Theme {
    THEME_MARKERS
        .iter()
        .zip(marks)
        .find(|(_, &m)| m == b'1')
        .map(|(marker, _)| marker.theme)
        .unwrap_or(if system_dark {
            Theme::Dark
        } else {
            Theme::Light
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marks string with only the marker whose selector is `selector` matched.
    fn only(selector: &str) -> Vec<u8> {
        let i = THEME_MARKERS
            .iter()
            .position(|m| m.selector == selector)
            .unwrap_or_else(|| panic!("no marker {selector}"));
        let mut marks = vec![b'0'; THEME_MARKERS.len()];
        marks[i] = b'1';
        marks
    }

    #[test]
    fn a_dark_marker_means_dark_whatever_the_system_prefers() {
        for sel in [
            "body[data-color-scheme=\"dark\"]",
            "html.theme--dark",
            "html.theme--mercado-dark",
            ".theme-dark",
        ] {
            assert_eq!(decide(&only(sel), false), Theme::Dark, "{sel}");
            assert_eq!(decide(&only(sel), true), Theme::Dark, "{sel}");
        }
    }

    #[test]
    fn a_light_marker_means_light_even_on_a_dark_system() {
        for sel in ["body[data-color-scheme=\"light\"]", "html.theme--mercado"] {
            assert_eq!(decide(&only(sel), true), Theme::Light, "{sel}");
        }
    }

    #[test]
    fn no_marker_leaves_it_to_prefers_color_scheme() {
        let none = vec![b'0'; THEME_MARKERS.len()];
        assert_eq!(decide(&none, true), Theme::Dark);
        assert_eq!(decide(&none, false), Theme::Light);
        // A page (or a script) answering nothing, or too little, is no marker either.
        assert_eq!(decide(b"", true), Theme::Dark);
        assert_eq!(decide(b"", false), Theme::Light);
    }

    #[test]
    fn a_dark_ember_page_keeps_its_light_class_and_is_dark() {
        // <html class="theme theme--mercado theme--dark theme--mercado-dark">
        let mut marks = only("html.theme--mercado");
        for sel in ["html.theme--dark", "html.theme--mercado-dark"] {
            let i = THEME_MARKERS
                .iter()
                .position(|m| m.selector == sel)
                .unwrap();
            marks[i] = b'1';
        }
        assert_eq!(decide(&marks, false), Theme::Dark);
    }

    #[test]
    fn the_newer_attribute_wins_over_a_stale_class() {
        // A page whose body says light while an Ember class says dark: the SDUI attribute is
        // written by the page now, the class may be left from an older render.
        let mut marks = only("body[data-color-scheme=\"light\"]");
        let i = THEME_MARKERS
            .iter()
            .position(|m| m.selector == "html.theme--dark")
            .unwrap();
        marks[i] = b'1';
        assert_eq!(decide(&marks, true), Theme::Light);
    }

    #[test]
    fn the_selectors_reach_the_page_in_order_and_are_plain_css() {
        let joined = marker_selectors();
        let parts: Vec<&str> = joined.split('\u{1}').collect();
        assert_eq!(parts.len(), THEME_MARKERS.len());
        for (p, m) in parts.iter().zip(THEME_MARKERS) {
            assert_eq!(*p, m.selector);
            // Matched against <html> and <body> only: no combinator that would need another element.
            assert!(!p.contains(' ') && !p.contains('>'), "{p}");
        }
        assert_eq!(Theme::Dark.name(), "dark");
        assert_eq!(Theme::Light.name(), "light");
    }
}
