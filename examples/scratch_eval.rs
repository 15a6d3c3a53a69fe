use planeval::score::*;
use planeval::store::{observations, Store};
use planeval::Catalog;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cat = Catalog::builtin().unwrap();
    let store = Store::open(std::path::Path::new(&args[1])).unwrap();
    let cur = store.current_panel().unwrap();
    let obs = observations::observations(&cat, &cur);
    let ass = observations::assessments(&cat, &store.assessments().unwrap());
    let stage = Stage::from_key(&args[2]).unwrap();
    let year: i32 = args[3].parse().unwrap();
    let ev = evaluate(&cat, &obs, &ass, &[], stage, year, &ScoreConfig::default());
    println!("rate {:?} counts {}", ev.attainment_rate, serde_json::to_string(&ev.counts).unwrap());
    for i in &ev.indicators {
        println!("{:45} {:20} {:?} | {} | {}", i.code, i.status.code(), i.warnings.iter().map(|w| w.code.code()).collect::<Vec<_>>(), i.explanation, i.warnings.iter().map(|w| w.message.clone()).collect::<Vec<_>>().join(" // "));
    }
    for o in ev.objectives.iter().filter(|o| o.kind == planeval::catalog::ObjectiveKind::Qualitative).take(5) {
        println!("{} {} {}", o.code, o.status.code(), o.explanation);
    }
}
