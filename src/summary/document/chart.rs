//! The draft's charts as PNG pictures: for each group, two bars side by side (at the start, now),
//! drawn with plotters in a font with Vietnamese glyphs (DejaVu Sans Condensed, shipped in
//! assets/fonts/, licence beside it). Same figures, same bytes.

use anyhow::{Result, anyhow};
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

const FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSansCondensed.ttf");
const FAMILY: &str = "soket-chart";
const W: u32 = 1400;
const ROW: u32 = 76;
const TOP: u32 = 70;
const BOTTOM: u32 = 60;
const LABEL_W: u32 = 470;
const START: RGBColor = RGBColor(0x9D, 0xB7, 0xD5);
const NOW: RGBColor = RGBColor(0x1F, 0x4E, 0x79);

/// One group: its name, the figure at the start and now.
pub struct Bar {
    pub name: String,
    pub start: f64,
    pub now: f64,
}

/// A chart of `bars` with a legend naming the two figures; PNG bytes and size in pixels.
pub fn bars(bars: &[Bar], start_name: &str, now_name: &str) -> Result<(Vec<u8>, u32, u32)> {
    // Registering twice is harmless; the font is the same bytes.
    register_font(FAMILY, FontStyle::Normal, FONT)
        .map_err(|_| anyhow!("không nạp được phông chữ của biểu đồ"))?;
    let h = TOP + BOTTOM + ROW * bars.len().max(1) as u32;
    let mut buf = vec![255u8; (W * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (W, h)).into_drawing_area();
        let font = |size: f64| FontDesc::new(FontFamily::Name(FAMILY), size, FontStyle::Normal);
        let text = font(30.0).color(&BLACK);
        let max = bars
            .iter()
            .map(|b| b.start.max(b.now))
            .fold(0.0_f64, f64::max)
            .max(1.0);
        let plot_w = (W - LABEL_W - 160) as f64;
        let x0 = LABEL_W as i32;
        let e = |r: DrawingAreaErrorKind<_>| anyhow!("không vẽ được biểu đồ: {r:?}");
        // Legend.
        for (i, (name, color)) in [(start_name, START), (now_name, NOW)]
            .into_iter()
            .enumerate()
        {
            let x = x0 + i as i32 * 420;
            root.draw(&Rectangle::new([(x, 22), (x + 30, 46)], color.filled()))
                .map_err(e)?;
            root.draw_text(name, &text, (x + 40, 20)).map_err(e)?;
        }
        for (i, b) in bars.iter().enumerate() {
            let y = (TOP + ROW * i as u32) as i32;
            let name: String = crate::value::quote(&b.name, 34);
            root.draw_text(&name, &text, (10, y + 18)).map_err(e)?;
            for (j, (v, color)) in [(b.start, START), (b.now, NOW)].into_iter().enumerate() {
                let len = (v.max(0.0) / max * plot_w).round() as i32;
                let top = y + 6 + j as i32 * 31;
                root.draw(&Rectangle::new(
                    [(x0, top), (x0 + len.max(1), top + 29)],
                    color.filled(),
                ))
                .map_err(e)?;
                let label = crate::value::format_vi(v);
                root.draw_text(&label, &font(27.0).color(&BLACK), (x0 + len + 8, top + 1))
                    .map_err(e)?;
            }
        }
        root.draw(&PathElement::new(
            vec![(x0, TOP as i32 - 4), (x0, (h - BOTTOM + 4) as i32)],
            BLACK,
        ))
        .map_err(e)?;
        root.present().map_err(e)?;
    }
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, W, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header()?;
        w.write_image_data(&buf)?;
    }
    Ok((png, W, h))
}
