//! Draws a dashboard chart as SVG with charts-rs (no fonts fetched: its own Roboto metrics
//! for layout, the viewer's sans-serif font for the text).

use app::model::{Chart, ChartKind};
use charts_rs::{BarChart, HorizontalBarChart, LineChart, Series};

/// The palette: the portal's green first, then colours that keep AA contrast on white.
const COLOURS: [&str; 4] = ["#0b5d3b", "#0a4f8a", "#8a4b0a", "#4c2c92"];

/// Steps on the value axis.
const STEPS: f64 = 5.0;

/// A round top for the value axis, so that each of its five steps is a whole, round number
/// (1, 2, 5, 10, 20, 25, 50, …): counts never read "2.4 applications".
fn nice_max(values: impl Iterator<Item = f64>) -> f32 {
    let max = values.fold(0.0f64, f64::max);
    let raw = (max / STEPS).max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|s| s * magnitude)
        .filter(|s| s.fract() == 0.0)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    (step * STEPS) as f32
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
    // The value axis is the first "y" axis of all three kinds (a horizontal bar chart
    // draws it along the bottom).
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
                axis.split_number = STEPS as usize;
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
            style!(c, (60.0 + 36.0 * chart.labels.len() as f32).max(160.0));
            c.svg()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_of_the_value_axis_is_whole() {
        for max in [
            0.0, 0.4, 1.0, 3.0, 5.0, 6.0, 7.0, 12.0, 37.0, 101.0, 999.0, 1234.0, 48_250.5,
        ] {
            let top = nice_max([max, max / 2.0].into_iter()) as f64;
            let step = top / STEPS;
            assert!(top >= max, "{max}: top {top}");
            assert_eq!(step.fract(), 0.0, "{max}: step {step}");
            assert!(
                top <= (max * 2.5).max(5.0),
                "{max}: top {top} wastes the chart"
            );
        }
    }

    #[test]
    fn a_chart_of_counts_labels_whole_numbers() {
        let chart = Chart {
            kind: ChartKind::HorizontalBar,
            labels: vec!["Submitted".into(), "Processing".into()],
            series: vec![("Applications".into(), vec![3.0, 7.0])],
        };
        let svg = render(&chart).expect("renders");
        let labels: Vec<&str> = svg
            .split("<text")
            .skip(1)
            .filter_map(|t| t.split('>').nth(1)?.split('<').next())
            .map(str::trim)
            .filter(|t| t.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .collect();
        assert!(!labels.is_empty(), "{svg}");
        assert!(labels.iter().all(|l| !l.contains('.')), "{labels:?}");
    }
}
