//! Statuses and early-warning codes: each defined once here, with its stable code and its Chinese and
//! English labels.
//!
//! The codes are what JSON output and downstream workbooks key on, so they never change once released; the
//! labels are what people read. `Status::rank` orders the statuses of one stage from worst to best for the
//! objective roll-up's weakest-link rule (see docs/METHOD.md).

use super::Stage;
use serde::{Serialize, Serializer};

macro_rules! statuses {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $zh:literal, $en:literal, rank $rank:literal; )*) => {
        /// What an indicator or objective scored. Final-stage and progress-stage statuses share `no_data`
        /// and `not_scored`; `Stage::statuses` lists which belong to which stage.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Status { $( $(#[$doc])* $variant, )* }

        impl Status {
            /// All statuses, in definition order.
            pub const ALL: &'static [Status] = &[ $( Status::$variant, )* ];
            /// The stable code, e.g. `needs_acceleration`.
            pub fn code(self) -> &'static str { match self { $( Status::$variant => $code, )* } }
            /// The Chinese label the plan's readers use, e.g. 需加快.
            pub fn label_zh(self) -> &'static str { match self { $( Status::$variant => $zh, )* } }
            pub fn label_en(self) -> &'static str { match self { $( Status::$variant => $en, )* } }
            /// Worst (0) to best within a stage; `no_data` sits between the definite shortfalls and the
            /// statuses that claim success, so that missing data blocks a claim but never hides a failure.
            pub fn rank(self) -> u8 { match self { $( Status::$variant => $rank, )* } }
        }
    };
}

statuses! {
    // ── final evaluation (终期评估) ──────────────────────────────────────────────────────────────
    /// The target is attained in the final year.
    Achieved = "achieved", "已实现", "achieved", rank 5;
    /// Short of the target by no more than the configured tolerance.
    BasicallyAchieved = "basically_achieved", "基本实现", "basically achieved", rank 4;
    /// Short of the target beyond the tolerance.
    NotAchieved = "not_achieved", "未实现", "not achieved", rank 0;
    // ── annual monitoring and mid-term evaluation (年度监测、中期评估) ──────────────────────────
    /// The latest value already meets the target.
    Met = "met", "已达标", "met", rank 5;
    /// Progress ratio ≥ 0.95 of the straight path.
    OnTrack = "on_track", "进展顺利", "on track", rank 4;
    /// Progress ratio in [0.60, 0.95).
    NeedsAcceleration = "needs_acceleration", "需加快", "needs acceleration", rank 2;
    /// Progress ratio in [0, 0.60), or no change beyond noise.
    SlowProgress = "slow_progress", "进展缓慢", "slow progress", rank 1;
    /// Moved away from the target since the baseline.
    Regressing = "regressing", "反向变化", "moving away from the target", rank 0;
    // ── both ─────────────────────────────────────────────────────────────────────────────────
    /// Not enough data to judge; the explanation says what is missing.
    NoData = "no_data", "无数据", "no data", rank 3;
    /// A reference indicator: monitored for another target, not scored and not monitorable.
    NotScored = "not_scored", "不单独评价", "not scored", rank 6;
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

macro_rules! warning_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $zh:literal, $en:literal; )*) => {
        /// Every early warning (预警) the scorer raises.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum WarningCode { $( $(#[$doc])* $variant, )* }

        impl WarningCode {
            pub const ALL: &'static [WarningCode] = &[ $( WarningCode::$variant, )* ];
            /// The stable code, e.g. `projected_miss`.
            pub fn code(self) -> &'static str { match self { $( WarningCode::$variant => $code, )* } }
            pub fn label_zh(self) -> &'static str { match self { $( WarningCode::$variant => $zh, )* } }
            pub fn label_en(self) -> &'static str { match self { $( WarningCode::$variant => $en, )* } }
        }
    };
}

warning_codes! {
    /// The least-squares trend does not reach the target by the final year.
    ProjectedMiss = "projected_miss", "按趋势预计难以按期实现目标", "projected to miss the target";
    /// This year's change is an outlier against the indicator's history.
    Fluctuation = "fluctuation", "波动较大", "large fluctuation";
    /// Two successive changes both away from the target.
    MovingAway = "moving_away", "连续两年偏离目标方向", "moving away from the target two years running";
    /// A maintain target fell below its level in some year.
    MaintainBroken = "maintain_broken", "有年份未保持在目标水平", "maintain target broken in some year";
    /// The gap between two groups widened.
    GapWidened = "gap_widened", "差距扩大", "gap widened";
    /// Data (a value, the baseline, a supplied target, a self-assessment) missing or not returned.
    MissingData = "missing_data", "数据缺失或未报送", "data missing or not returned";
    /// No value in the baseline year: progress is counted from the first reported year after it.
    BaselineMoved = "baseline_moved", "基期值缺失，以首个报送年份为基期", "baseline missing, progress counted from the first reported year";
    /// Nothing newer exists: a census, survey or baseline year's value decided whether the threshold is met.
    EarlierYear = "earlier_year", "按以往年份数据判断", "judged on an earlier year's value";
    /// The deciding value is older than the age limit, or a later figure of the department was rejected
    /// and not corrected: it does not make the indicator attained.
    StaleData = "stale_data", "数据过旧，不作为达标依据", "value too old to count as attained";
}

impl Serialize for WarningCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// One early warning with the numbers that raised it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    /// Chinese, one line, with the numbers.
    pub message: String,
    /// The years the warning is about, when they are not simply the latest (the outlying years of a
    /// fluctuation, the year a moved baseline starts from, the year of an old value).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<i32>,
}

impl Warning {
    pub fn new(code: WarningCode, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            years: Vec::new(),
        }
    }

    pub fn about(mut self, years: impl IntoIterator<Item = i32>) -> Self {
        self.years = years.into_iter().collect();
        self
    }
}

impl Stage {
    /// The statuses an indicator can take at this stage, best first, then `no_data` and `not_scored`.
    pub fn statuses(self) -> &'static [Status] {
        match self {
            Stage::Final => &[
                Status::Achieved,
                Status::BasicallyAchieved,
                Status::NotAchieved,
                Status::NoData,
                Status::NotScored,
            ],
            Stage::Annual | Stage::Midterm => &[
                Status::Met,
                Status::OnTrack,
                Status::NeedsAcceleration,
                Status::SlowProgress,
                Status::Regressing,
                Status::NoData,
                Status::NotScored,
            ],
        }
    }
}

/// How many results have each status of a stage; serialises as `{"achieved": 3, …}` with every status of
/// the stage present, in `Stage::statuses` order, so the JSON keys do not depend on the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCounts(Vec<(Status, usize)>);

impl StatusCounts {
    pub fn new(stage: Stage) -> Self {
        StatusCounts(stage.statuses().iter().map(|s| (*s, 0)).collect())
    }

    pub fn add(&mut self, status: Status) {
        match self.0.iter_mut().find(|(s, _)| *s == status) {
            Some((_, n)) => *n += 1,
            // A status of the other stage cannot occur; keep it countable rather than lose it.
            None => self.0.push((status, 1)),
        }
    }

    pub fn get(&self, status: Status) -> usize {
        self.0
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    }

    /// Statuses with a non-zero count, in stage order.
    pub fn nonzero(&self) -> impl Iterator<Item = (Status, usize)> + '_ {
        self.0.iter().copied().filter(|(_, n)| *n > 0)
    }

    pub fn total(&self) -> usize {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

impl Serialize for StatusCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k.code(), v)))
    }
}

/// How many warnings of each code; serialises as `{"projected_miss": 2, …}` with every code present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningCounts(Vec<(WarningCode, usize)>);

impl Default for WarningCounts {
    fn default() -> Self {
        WarningCounts(WarningCode::ALL.iter().map(|c| (*c, 0)).collect())
    }
}

impl WarningCounts {
    pub fn add_all<'w>(&mut self, warnings: impl IntoIterator<Item = &'w Warning>) {
        for w in warnings {
            if let Some((_, n)) = self.0.iter_mut().find(|(c, _)| *c == w.code) {
                *n += 1;
            }
        }
    }

    pub fn get(&self, code: WarningCode) -> usize {
        self.0
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(0, |(_, n)| *n)
    }
}

impl Serialize for WarningCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k.code(), v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_labels_are_unique() {
        let codes: HashSet<_> = Status::ALL.iter().map(|s| s.code()).collect();
        let labels: HashSet<_> = Status::ALL.iter().map(|s| s.label_zh()).collect();
        assert_eq!(codes.len(), Status::ALL.len());
        assert_eq!(labels.len(), Status::ALL.len());
        let codes: HashSet<_> = WarningCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes.len(), WarningCode::ALL.len());
    }

    #[test]
    fn the_issue_s_statuses_have_the_issue_s_codes_and_labels() {
        let pairs: Vec<_> = Stage::Final
            .statuses()
            .iter()
            .map(|s| (s.code(), s.label_zh()))
            .collect();
        assert_eq!(
            &pairs[..4],
            &[
                ("achieved", "已实现"),
                ("basically_achieved", "基本实现"),
                ("not_achieved", "未实现"),
                ("no_data", "无数据")
            ]
        );
        let pairs: Vec<_> = Stage::Midterm
            .statuses()
            .iter()
            .map(|s| (s.code(), s.label_zh()))
            .collect();
        assert_eq!(
            &pairs[..6],
            &[
                ("met", "已达标"),
                ("on_track", "进展顺利"),
                ("needs_acceleration", "需加快"),
                ("slow_progress", "进展缓慢"),
                ("regressing", "反向变化"),
                ("no_data", "无数据")
            ]
        );
    }

    #[test]
    fn ranks_order_each_stage_from_worst_to_best_with_no_data_in_between() {
        assert!(Status::NotAchieved.rank() < Status::NoData.rank());
        assert!(Status::NoData.rank() < Status::BasicallyAchieved.rank());
        assert!(Status::BasicallyAchieved.rank() < Status::Achieved.rank());
        assert!(Status::Regressing.rank() < Status::SlowProgress.rank());
        assert!(Status::SlowProgress.rank() < Status::NeedsAcceleration.rank());
        assert!(Status::NeedsAcceleration.rank() < Status::NoData.rank());
        assert!(Status::NoData.rank() < Status::OnTrack.rank());
        assert!(Status::OnTrack.rank() < Status::Met.rank());
    }

    #[test]
    fn counts_serialise_with_every_status_of_the_stage() {
        let mut c = StatusCounts::new(Stage::Final);
        c.add(Status::Achieved);
        c.add(Status::Achieved);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"achieved":2,"basically_achieved":0,"not_achieved":0,"no_data":0,"not_scored":0}"#
        );
    }
}
