//! A deterministic, made-up but plausible roster of An Giang units (examples/roster-an-giang.csv, tests, demos).
//!
//! Names of schools, clinics, agencies, cooperatives and companies are drawn from fixed word lists with a
//! fixed-seed generator: the same `n` always gives the same roster.

use super::HEADERS;
use super::load::RosterUnit;
use crate::rng::Rng;
use anyhow::Result;
use std::collections::HashSet;

pub const RACH_GIA: &str = "Công đoàn phường Rạch Giá";
pub const PHU_QUOC: &str = "Công đoàn đặc khu Phú Quốc";
pub const PROVINCE: &str = "Trực thuộc LĐLĐ tỉnh";

const HCSN: &str = "Cơ quan hành chính nhà nước";
const GIAO_DUC: &str = "Đơn vị sự nghiệp giáo dục";
const Y_TE: &str = "Đơn vị sự nghiệp y tế";
const SU_NGHIEP: &str = "Đơn vị sự nghiệp khác";
const DNNN: &str = "Doanh nghiệp nhà nước";
const DN: &str = "Doanh nghiệp ngoài nhà nước";
const FDI: &str = "Doanh nghiệp có vốn đầu tư nước ngoài";
const HTX: &str = "Hợp tác xã";
const KHAC: &str = "Loại hình khác";

const RACH_GIA_PLACES: [&str; 11] = [
    "Vĩnh Thanh Vân",
    "Vĩnh Thanh",
    "Vĩnh Lạc",
    "An Hòa",
    "Rạch Sỏi",
    "Vĩnh Quang",
    "Vĩnh Thông",
    "Vĩnh Lợi",
    "An Bình",
    "Vĩnh Hiệp",
    "Phi Thông",
];
const PHU_QUOC_PLACES: [&str; 10] = [
    "Dương Đông",
    "An Thới",
    "Hàm Ninh",
    "Cửa Cạn",
    "Cửa Dương",
    "Gành Dầu",
    "Bãi Thơm",
    "Dương Tơ",
    "Thổ Châu",
    "Hòn Thơm",
];
const PROVINCE_PLACES: [&str; 14] = [
    "Long Xuyên",
    "Châu Đốc",
    "Hà Tiên",
    "Tân Châu",
    "Tịnh Biên",
    "Kiên Lương",
    "Hòn Đất",
    "Giồng Riềng",
    "Tân Hiệp",
    "Thoại Sơn",
    "Chợ Mới",
    "Phú Tân",
    "An Biên",
    "Gò Quao",
];
const PEOPLE: [&str; 14] = [
    "Nguyễn Trãi",
    "Lê Quý Đôn",
    "Nguyễn Du",
    "Trần Hưng Đạo",
    "Huỳnh Mẫn Đạt",
    "Nguyễn Trung Trực",
    "Võ Văn Kiệt",
    "Phan Thị Ràng",
    "Mạc Cửu",
    "Ngô Quyền",
    "Chu Văn An",
    "Lê Lợi",
    "Trần Phú",
    "Nguyễn Hùng Sơn",
];
const BRANDS: [&str; 20] = [
    "Minh Phát",
    "Thành Đạt",
    "Phú Quý",
    "Hoàng Long",
    "Kim Ngân",
    "Tân Thành",
    "Việt Hưng",
    "Hải Âu",
    "Ngọc Trai",
    "Sao Biển",
    "Đồng Tiến",
    "Phước Lộc",
    "Thiên Ân",
    "Hưng Thịnh",
    "Bảo Châu",
    "Trường An",
    "Nam Việt",
    "Gia Huy",
    "Mỹ Lan",
    "Hồng Phúc",
];
const TRADES: [&str; 14] = [
    "Thủy sản",
    "Xây dựng",
    "Chế biến nước mắm",
    "Du lịch",
    "Vận tải biển",
    "Thương mại – Dịch vụ",
    "Khách sạn",
    "May mặc",
    "Lương thực",
    "Cơ khí",
    "Vật liệu xây dựng",
    "Chế biến hạt điều",
    "Đầu tư & Phát triển",
    "Xăng dầu",
];
const FOREIGN: [&str; 12] = [
    "Blue Ocean",
    "Sunrise Garment",
    "Pacific Coral",
    "Orient Pearl",
    "Golden Harvest",
    "Asia Star",
    "Evergreen Footwear",
    "Seaview Resort",
    "Lotus Bay",
    "Coral Island",
    "Harbor Light",
    "Jade Lagoon",
];
const AGENCIES: [&str; 14] = [
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Dân tộc và Tôn giáo",
    "Văn phòng UBND tỉnh",
    "Thanh tra tỉnh",
    "Kho bạc Nhà nước khu vực XIX",
    "Bảo hiểm xã hội tỉnh",
    "Cục Thống kê tỉnh",
];
const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Lâm",
];
const MEN: ([&str; 4], [&str; 8]) = (
    ["Văn", "Minh", "Hoàng", "Quốc"],
    [
        "Bình", "Cường", "Hùng", "Long", "Nam", "Phúc", "Tuấn", "Khang",
    ],
);
const WOMEN: ([&str; 4], [&str; 8]) = (
    ["Thị", "Ngọc", "Kim", "Thanh"],
    [
        "Dung", "Hạnh", "Lan", "Mai", "Nhung", "Thảo", "Trang", "Tâm",
    ],
);

/// A name and its type for a unit under `parent`.
fn unit(r: &mut Rng, parent: &str) -> (String, &'static str) {
    let places: &[&str] = match parent {
        RACH_GIA => &RACH_GIA_PLACES,
        PHU_QUOC => &PHU_QUOC_PLACES,
        _ => &PROVINCE_PLACES,
    };
    let place = r.pick(places);
    let roll = r.below(100);
    match roll {
        0..=9 => (format!("Trường Mầm non {place}"), GIAO_DUC),
        10..=19 => (format!("Trường Tiểu học {place}"), GIAO_DUC),
        20..=27 => (format!("Trường THCS {}", r.pick(&PEOPLE)), GIAO_DUC),
        28..=32 => (format!("Trường THPT {}", r.pick(&PEOPLE)), GIAO_DUC),
        33..=37 => (format!("Trạm Y tế {place}"), Y_TE),
        38..=40 => (format!("Trung tâm Y tế khu vực {place}"), Y_TE),
        41..=42 => (format!("Bệnh viện Đa khoa khu vực {place}"), Y_TE),
        43..=47 if parent == PROVINCE => (r.pick(&AGENCIES).to_string(), HCSN),
        43..=47 => (format!("Ủy ban nhân dân {place}"), HCSN),
        48..=50 => (format!("Chi cục Thuế khu vực {place}"), HCSN),
        51..=54 => (format!("Trung tâm Văn hóa – Thể thao {place}"), SU_NGHIEP),
        55..=56 => (format!("Ban Quản lý chợ {place}"), SU_NGHIEP),
        57..=59 => (
            format!(
                "Công ty TNHH MTV {} {place}",
                r.pick(&["Cấp thoát nước", "Môi trường đô thị", "Dịch vụ công ích"])
            ),
            DNNN,
        ),
        60..=79 => (
            format!("Công ty TNHH {} {}", r.pick(&TRADES), r.pick(&BRANDS)),
            DN,
        ),
        80..=85 => (
            format!("Công ty Cổ phần {} {}", r.pick(&TRADES), r.pick(&BRANDS)),
            DN,
        ),
        86..=91 => (format!("Công ty TNHH {} Việt Nam", r.pick(&FOREIGN)), FDI),
        92..=95 => (
            format!(
                "Hợp tác xã {} {place}",
                r.pick(&["Nông nghiệp", "Thủy sản", "Vận tải", "Dịch vụ nông nghiệp"])
            ),
            HTX,
        ),
        _ => (
            format!(
                "{} {place}",
                r.pick(&["Hội Chữ thập đỏ", "Hội Nông dân", "Hội Cựu chiến binh"])
            ),
            KHAC,
        ),
    }
}

/// `n` made-up units, codes AG-0001…, spread over the three upper levels.
pub fn generate(n: usize) -> Vec<RosterUnit> {
    let mut r = Rng::new(0x5EED_2026_0430_0041);
    let mut used = HashSet::new();
    (1..=n)
        .map(|i| {
            let parent = match r.below(100) {
                0..=39 => RACH_GIA,
                40..=64 => PHU_QUOC,
                _ => PROVINCE,
            };
            let (mut name, mut ty) = unit(&mut r, parent);
            for _ in 0..20 {
                if !used.contains(&name) {
                    break;
                }
                (name, ty) = unit(&mut r, parent);
            }
            let base = name.clone();
            let mut k = 2;
            while !used.insert(name.clone()) {
                name = format!("{base} {k}");
                k += 1;
            }
            let code = format!("AG-{i:04}");
            let (middle, given) = if r.below(2) == 0 { MEN } else { WOMEN };
            let contact = format!("{} {} {}", r.pick(&FAMILY), r.pick(&middle), r.pick(&given));
            let phone = format!("09{:08}", r.next_u64() % 100_000_000);
            let email = format!("cdcs.{}@example.com", code.to_lowercase().replace('-', ""));
            RosterUnit {
                row: i + 1,
                code,
                name,
                unit_type: ty.to_string(),
                parent: parent.to_string(),
                contact,
                phone,
                email,
            }
        })
        .collect()
}

/// The roster as CSV: UTF-8 with a BOM, comma separated, Vietnamese headers.
pub fn csv(units: &[RosterUnit]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(HEADERS)?;
    for u in units {
        w.write_record([
            &u.code,
            &u.name,
            &u.unit_type,
            &u.parent,
            &u.contact,
            &u.phone,
            &u.email,
        ])?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}
