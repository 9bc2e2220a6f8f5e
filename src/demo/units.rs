//! Made-up but realistic units of An Giang for the demo and the benchmarks.

use super::values::{Rng, Who};
use crate::outline::Outline;

const COMPANY_KINDS: [&str; 4] = [
    "Công ty TNHH",
    "Công ty Cổ phần",
    "Công ty TNHH MTV",
    "Doanh nghiệp tư nhân",
];
const TRADES: [&str; 12] = [
    "May mặc",
    "Thủy sản",
    "Chế biến gạo",
    "Xây dựng",
    "Vận tải",
    "Du lịch",
    "Điện nước",
    "Gỗ nội thất",
    "Thức ăn chăn nuôi",
    "Cơ khí",
    "Dược phẩm",
    "Bao bì",
];
const PLACES: [&str; 14] = [
    "Mekong",
    "Rạch Giá",
    "Phú Quốc",
    "Long Xuyên",
    "Châu Đốc",
    "Hà Tiên",
    "Tân Châu",
    "Thoại Sơn",
    "Tri Tôn",
    "Kiên Lương",
    "Hòn Đất",
    "Chợ Mới",
    "Sông Hậu",
    "Tây Nam",
];
const SCHOOLS: [&str; 3] = ["Trường Tiểu học", "Trường THCS", "Trường THPT"];
const PEOPLE: [&str; 8] = [
    "Nguyễn Trãi",
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Võ Thị Sáu",
    "Lý Thường Kiệt",
    "Hùng Vương",
    "Quang Trung",
    "Nguyễn Du",
];

/// `n` units with codes AG-0001…, types and upper levels from the outline's lists.
pub fn units(o: &Outline, n: usize, seed: u64) -> Vec<Who> {
    let mut rng = Rng::new(seed);
    let types = o.list_labels("unit_type");
    let parents = o.list_labels("parent_union");
    (1..=n)
        .map(|i| {
            let ty = rng.pick(&types).clone();
            let unit_name = name_for(&ty, &mut rng, i);
            // About a third under each ward/special-zone union, the rest directly under the province.
            let parent = match rng.range(0, 5) {
                0 | 1 => parents.first(),
                2 => parents.get(1),
                _ => parents.get(2),
            }
            .cloned()
            .unwrap_or_default();
            Who {
                code: format!("AG-{i:04}"),
                union_name: format!("CĐCS {unit_name}"),
                unit_name,
                unit_type: ty,
                parent,
            }
        })
        .collect()
}

fn name_for(ty: &str, rng: &mut Rng, i: usize) -> String {
    let place = rng.pick(&PLACES);
    let lower = ty.to_lowercase();
    if lower.contains("giáo dục") {
        format!("{} {} {place}", rng.pick(&SCHOOLS), rng.pick(&PEOPLE))
    } else if lower.contains("y tế") {
        format!("Trung tâm Y tế {place}")
    } else if lower.contains("hành chính") {
        format!("Phòng Kinh tế {place} số {}", i % 97 + 1)
    } else if lower.contains("hợp tác xã") {
        format!("Hợp tác xã {} {place}", rng.pick(&TRADES))
    } else {
        format!(
            "{} {} {place} {}",
            rng.pick(&COMPANY_KINDS),
            rng.pick(&TRADES),
            i
        )
    }
}
