//! Draws a dashboard chart as SVG with charts-rs (no fonts fetched: its own Roboto metrics
//! for layout, the viewer's sans-serif font for the text).

use app::model::{Chart, ChartKind};
use charts_rs::{BarChart, HorizontalBarChart, LineChart, Series};

/// The palette: the portal's green first, then colours that keep AA contrast on white.
const COLOURS: [&str; 4] = ["#0b5d3b", "#0a4f8a", "#8a4b0a", "#4c2c92"];

/// A round top for the value axis (counts read better on whole steps).
fn nice_max(values: impl Iterator<Item = f64>) -> f32 {
    let max = values.fold(0.0f64, f64::max);
    if max <= 5.0 {
        return 5.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|s| s * magnitude)
        .find(|s| max <= s * 5.0)
        .unwrap_or(10.0 * magnitude);
    (step * 5.0) as f32
}

pub fn render(chart: &Chart) -> charts_rs::Result<String> {
    let series: Vec<Series> = chart
        .series
        .iter()
        .map(|(name, values)| {
            (
                name.as_str(),
                values.iter().map(|v| *v as f32).collect::<Vec<f32>>(),
            )
                .into()
        })
        .collect();
    let max = nice_max(chart.series.iter().flat_map(|(_, v)| v.iter().copied()));
    let colours: Vec<charts_rs::Color> = COLOURS.iter().map(|c| (*c).into()).collect();
    let legend = chart.series.len() > 1;
    macro_rules! style {
        ($c:expr, $height:expr) => {{
            let c = &mut $c;
            c.width = 640.0;
            c.height = $height;
            c.series.colors = colours.clone();
            c.legend.show = Some(legend);
            if let Some(axis) = c.y_axis_configs.first_mut() {
                axis.min = Some(0.0);
                axis.max = Some(max);
                axis.split_number = 5;
            }
        }};
    }
    match chart.kind {
        ChartKind::Bar => {
            let mut c = BarChart::new(series, chart.labels.clone());
            style!(c, 320.0);
            c.svg()
        }
        ChartKind::Line => {
            let mut c = LineChart::new(series, chart.labels.clone());
            style!(c, 320.0);
            c.svg()
        }
        ChartKind::HorizontalBar => {
            let mut c = HorizontalBarChart::new(series, chart.labels.clone());
            c.width = 640.0;
            c.height = (60.0 + 36.0 * chart.labels.len() as f32).max(160.0);
            c.series.colors = colours.clone();
            c.legend.show = Some(legend);
            c.svg()
        }
    }
}
