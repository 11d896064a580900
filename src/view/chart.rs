//! The chart of sends per day, drawn as SVG elements from `core::chart`'s geometry: the popup's 14
//! days, and the dashboard's range (`dashboard::range`).

use crate::platform;
use crate::ui::{self, by_id, set_text};
use invite_guard_core::chart::{days, layout, DayBar};
use invite_guard_core::ledger::Event;
use invite_guard_core::time::LocalDay;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

const SVG: &str = "http://www.w3.org/2000/svg";
const WIDTH: f64 = 348.0;
/// The dashboard's plot height.
pub const PLOT: f64 = 84.0;
/// The popup's plot height: lower, so that the popup fits one look (issue 13).
pub const PLOT_COMPACT: f64 = 40.0;
/// Room under the plot for the first and last day's labels.
const LABELS: f64 = 14.0;

fn svg(doc: &Document, tag: &str, attrs: &[(&str, String)]) -> Result<Element, JsValue> {
    let e = doc.create_element_ns(Some(SVG), tag)?;
    for (k, v) in attrs {
        e.set_attribute(k, v)?;
    }
    Ok(e)
}

/// A stored local day as "3 Nov" in the UI language.
pub fn short_day(day: LocalDay) -> String {
    platform::format_day(
        day,
        &[("month", "short"), ("day", "numeric"), ("timeZone", "UTC")],
    )
}

/// Draws the last `n` days: the popup's 14 (`PLOT_COMPACT` high), the dashboard's chosen range
/// (`PLOT`). The `.range` buttons, where the page has them, show which is drawn.
pub fn draw(
    doc: &Document,
    events: &[Event],
    today: LocalDay,
    cap: u32,
    n: usize,
    plot: f64,
) -> Result<(), JsValue> {
    draw_bars(doc, &days(events, today, n), cap, plot)
}

/// Draws `bars` (oldest first): the popup's from the background's `glance`, or [`draw`]'s.
pub fn draw_bars(doc: &Document, bars: &[DayBar], cap: u32, plot: f64) -> Result<(), JsValue> {
    let n = bars.len();
    // The last bar is today's.
    let today = bars.last().map(|b| b.day);
    let shape = layout(bars, WIDTH, plot, cap);
    let (sent, refused) = bars
        .iter()
        .fold((0, 0), |(s, r), b: &DayBar| (s + b.sent, r + b.refused));
    set_text(
        doc,
        "chart-h",
        &platform::message("popupChartTitle", &[&n.to_string()]),
    );
    let buttons = doc.query_selector_all(".range button")?;
    for i in 0..buttons.length() {
        if let Some(b) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let on = b.get_attribute("data-days").as_deref() == Some(&n.to_string());
            b.set_attribute("aria-pressed", if on { "true" } else { "false" })?;
        }
    }

    let root = svg(
        doc,
        "svg",
        &[
            ("viewBox", format!("0 0 {WIDTH} {}", plot + LABELS)),
            ("role", "img".into()),
            (
                "aria-label",
                platform::message(
                    "popupChartLabel",
                    &[&ui::num(sent), &n.to_string(), &ui::num(refused)],
                ),
            ),
        ],
    )?;
    for b in &shape.bars {
        let bar = bars.iter().find(|x| x.day == b.day);
        let (s, r) = bar.map(|x| (x.sent, x.refused)).unwrap_or((0, 0));
        let class = if Some(b.day) == today {
            "today"
        } else {
            "sent"
        };
        // A 1-unit stub on empty days keeps the day's slot visible and hoverable.
        let h = b.rect.h.max(1.0);
        let rect = svg(
            doc,
            "rect",
            &[
                ("class", class.into()),
                ("x", format!("{:.2}", b.rect.x)),
                ("y", format!("{:.2}", plot - h)),
                ("width", format!("{:.2}", b.rect.w)),
                ("height", format!("{h:.2}")),
                ("data-day", b.day.to_string()),
                ("data-sent", s.to_string()),
            ],
        )?;
        let title = svg(doc, "title", &[])?;
        title.set_text_content(Some(&platform::message(
            "popupChartDay",
            &[&short_day(b.day), &ui::num(s), &ui::num(r)],
        )));
        rect.append_child(&title)?;
        root.append_child(&rect)?;
        if let Some(m) = b.marker {
            ui::add(
                &root,
                svg(
                    doc,
                    "circle",
                    &[
                        ("class", "refused".into()),
                        ("cx", format!("{:.2}", m.x)),
                        ("cy", format!("{:.2}", m.y)),
                        ("r", format!("{:.2}", shape.marker_r.max(2.0))),
                        ("data-day", b.day.to_string()),
                    ],
                ),
            )?;
        }
    }
    ui::add(
        &root,
        svg(
            doc,
            "line",
            &[
                ("class", "cap".into()),
                ("x1", "0".into()),
                ("x2", WIDTH.to_string()),
                ("y1", format!("{:.2}", shape.cap_y)),
                ("y2", format!("{:.2}", shape.cap_y)),
            ],
        ),
    )?;
    for (x, anchor, day) in [
        (0.0, "start", bars.first().map(|b| b.day)),
        (WIDTH, "end", bars.last().map(|b| b.day)),
    ] {
        let Some(day) = day else { continue };
        let t = svg(
            doc,
            "text",
            &[
                ("class", "axis".into()),
                ("x", x.to_string()),
                ("y", (plot + LABELS - 2.0).to_string()),
                ("text-anchor", anchor.into()),
            ],
        )?;
        t.set_text_content(Some(&short_day(day)));
        root.append_child(&t)?;
    }
    let holder = by_id(doc, "chart")?;
    ui::clear(&holder);
    holder.append_child(&root)?;
    // The legend is the dashboard's line and the popup chart's title.
    let legend = platform::message("popupChartLegend", &[&ui::num(cap)]);
    holder.set_attribute("title", &legend)?;
    set_text(doc, "chart-legend", &legend);
    Ok(())
}
