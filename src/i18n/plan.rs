//! What the plan file's diagnostics (P codes, `catalog --check` and every load of a plan) say, in Chinese and English: the labels of the file's parts and one key per sentence.

crate::i18n::table! {
    /// Messages, hints and labels of the plan file's diagnostics.
    pub enum PlanText {
        // ── The parts of a plan file a sentence names ({what}, {kind}, {role}, {want}) ──────────
        WhatPlanFile => "计划文件", "the plan file";
        WhatPlan => "[plan]", "[plan]";
        WhatRollup => "[rollup]", "[rollup]";
        WhatUnit => "责任单位", "a [[units]] entry";
        WhatDomain => "领域", "a [[domains]] entry";
        WhatObjective => "主要目标", "an objective";
        WhatIndicator => "指标", "an indicator";
        /// One indicator, by its code.
        WhatIndicatorCode => "指标 {code}", "indicator {code}";
        /// A table inside an indicator's part: `{what}` is the indicator, `{key}` the field.
        WhatPartOf => "{what} 的 {key}", "the {key} of {what}";
        KindDomain => "领域", "domain";
        KindObjective => "主要目标", "objective";
        KindIndicator => "指标", "indicator";
        RoleResponsible => "责任单位", "responsible unit";
        RoleLead => "牵头单位", "lead unit";
        RoleCooperating => "配合单位", "cooperating unit";
        RefRelational => "关系目标", "the relational target";
        RefGap => "差距目标", "the gap target";
        WantString => "字符串", "a string";
        WantNumber => "数字", "a number";
        WantInteger => "整数", "an integer";
        WantBool => "true 或 false", "true or false";
        WantStrings => "字符串数组", "an array of strings";
        WantTables => "表数组（[[…]]）", "an array of tables ([[…]])";
        WantTable => "表", "a table";
        WantPlanTable => "表（[plan]）", "a table ([plan])";
        WantRollupTable => "表（[rollup]）", "a table ([rollup])";
        /// After a target's value when the bound itself does not meet it.
        Exclusive => "（不含本数）", " (exclusive)";

        // ── Syntax and fields ───────────────────────────────────────────────────────────────────
        Syntax => "TOML 语法错误：{detail}", "TOML syntax error: {detail}";
        HintSyntax => "按 TOML 语法修改该行（字符串加引号，表头写成 [[domains]] 等），再运行 planeval catalog --check",
            "correct the line to TOML's grammar (strings in quotes, table heads written [[domains]] and so on), then run planeval catalog --check again";
        MissingField => "{what}缺少字段 {key}", "{what} lacks the field {key}";
        WrongType => "{what}的字段 {key} 应为{want}，实际是{got}", "the field {key} of {what} should be {want}, but it is a TOML {got}";
        HintWrongType => "把 {key} 改成{want}", "change {key} to {want}";
        EmptyField => "{what}的字段 {key} 为空", "the field {key} of {what} is empty";
        HintFillIn => "填写 {key}", "fill in {key}";
        HintAddString => "加上 {key} = \"…\"", "add {key} = \"…\"";
        HintAddInteger => "加上 {key} = 整数", "add {key} = a whole number";
        UnknownField => "{what}中有无法识别的字段 {key}，已忽略", "{what} has a field {key} that is not known; it was ignored";
        HintUnknownField => "检查拼写；可用字段见 templates/plans/ 下的计划文件",
            "check the spelling; the plan files under templates/plans/ show every field there is";

        // ── The file's frame: units, domains, references ────────────────────────────────────────
        HintAddPlan => "在文件开头加上 [plan] 表（id、name、period_start …）",
            "add a [plan] table at the top of the file (id, name, period_start …)";
        TopLevelMissing => "计划文件缺少 {key}", "the plan file has no {key}";
        HintAddUnits => "加上 [[units]] 表，列出全部责任单位", "add [[units]] tables listing every responsible unit";
        HintAddDomains => "加上 [[domains]] 表", "add [[domains]] tables";
        UnitNameTwice => "单位名称或别名“{name}”重复（第 {line} 行已有）",
            "the unit name or alias \"{name}\" appears twice (already on line {line})";
        HintUnitNameTwice => "每个单位名称和别名只能出现一次", "each unit name and alias may appear only once";
        DuplicateCode => "{kind}编码 {code} 重复（第 {line} 行已使用）",
            "the {kind} code {code} is used twice (already on line {line})";
        HintDuplicateCode => "每个领域、目标和指标的编码必须唯一；改用一个新编码",
            "the codes of domains, objectives and indicators must be unique; use a new code";
        UnitNotListed => "{role}“{name}”不在 [[units]] 单位名录中", "the {role} \"{name}\" is not in the [[units]] list";
        HintUnitNotListed => "改成名录中的单位名称，或在 [[units]] 中增加该单位（可附 aliases 别名）",
            "use a unit name from the list, or add the unit to [[units]] (with aliases if it goes by other names)";
        DomainWithoutObjectives => "领域下没有任何主要目标", "the domain has no objectives";
        HintAddObjectives => "在该领域下加上 [[domains.objectives]]", "add [[domains.objectives]] under the domain";
        UnknownRef => "{what}引用的指标 {code} 不存在", "{what} names the indicator {code}, which does not exist";
        HintUnknownRef => "改成计划中已有的指标编码（planeval catalog 可列出全部指标）",
            "use the code of an indicator in the plan (planeval catalog lists them all)";
        GapWithoutBreakdown => "差距目标按{dim}计算，但指标 {code} 没有按{dim}分组填报",
            "the gap target is the {dim} gap, but indicator {code} has no {dim} breakdown";
        HintAddBreakdown => "在指标 {code} 上加 disaggregation = [\"{key}\"]", "add disaggregation = [\"{key}\"] to indicator {code}";

        // ── [plan] and [rollup] ─────────────────────────────────────────────────────────────────
        StartAfterEnd => "规划起始年 {start} 晚于结束年 {end}", "the plan starts in {start}, after it ends in {end}";
        BaselineNotBefore => "基期年 {baseline} 不早于规划起始年 {start}", "the baseline year {baseline} is not before the start year {start}";
        MidtermOutside => "中期评估年 {midterm} 不在规划期 {start}–{end} 内",
            "the mid-term year {midterm} is outside the plan period {start}–{end}";
        FinalNotEnd => "终期评估年 {final} 不等于规划结束年 {end}", "the final year {final} is not the plan's end year {end}";
        MidtermAfterFinal => "中期评估年 {midterm} 晚于终期评估年 {final}", "the mid-term year {midterm} is after the final year {final}";
        HintYears => "规划期应满足：基期年 < 起始年 ≤ 中期年 ≤ 终期年 = 结束年",
            "the years must satisfy: baseline < start ≤ mid-term ≤ final = end";
        AroundToleranceNotPositive => "around_tolerance 必须是正数", "around_tolerance must be a positive number";
        HintAroundTolerance => "写成例如 around_tolerance = 2.0", "write for example around_tolerance = 2.0";
        ShareOutside => "{key} 应为 0 到 1 之间的比例", "{key} must be a share between 0 and 1";
        HintShare => "写成比例，例如 {key} = {default}", "write a share, for example {key} = {default}";

        // ── Aggregation ─────────────────────────────────────────────────────────────────────────
        HintAggregation => "aggregation 可写 \"sum\"（求和）、\"ratio\"（分子分母汇总后重算）、\"none\"（不汇总），或 { method = \"weighted_mean\", weight = \"地区表中的权重列，如 女性人口\" }",
            "aggregation may be \"sum\" (add up), \"ratio\" (add up numerator and denominator, then divide), \"none\" (no rollup), or { method = \"weighted_mean\", weight = \"a weight column of the areas file\" }";
        AggregationNotStringOrTable => "{what} 的 aggregation 应为字符串或表", "the aggregation of {what} must be a string or a table";
        AggregationUnknown => "{what} 的汇总方式“{method}”无法识别", "the aggregation method \"{method}\" of {what} is not known";
        SumOfRates => "{what} 的计量单位是{unit}，比率和平均数不能相加",
            "{what} is measured in {unit}; rates and averages cannot be added up";
        HintSumOfRates => "比率写 \"ratio\"（并给出 rate 分子分母），平均数（如预期寿命）写 weighted_mean 并指定权重，或写 \"none\"",
            "write \"ratio\" for a rate (and give its rate numerator and denominator), weighted_mean with a weight for an average (such as life expectancy), or \"none\"";
        RatioOfNonRate => "{what} 的计量单位是{unit}，不是比率", "{what} is measured in {unit}, which is not a rate";
        HintRatioOfNonRate => "ratio 只用于 %、‰、1/10万 的比率；人数写 \"sum\"",
            "ratio is only for rates in %, ‰ or per 100,000; write \"sum\" for numbers of people";
        RatioWithoutParts => "{what} 没有 rate 分子分母，无法由分子、分母汇总后重算",
            "{what} has no rate numerator and denominator to add up and divide again";
        HintRatioWithoutParts => "加上 rate = { numerator = \"…\", denominator = \"…\" }，或改用 weighted_mean / \"none\"",
            "add rate = { numerator = \"…\", denominator = \"…\" }, or use weighted_mean / \"none\" instead";
        WeightedMeanWithoutWeight => "{what} 按加权平均汇总，但没有指定权重", "{what} is aggregated as a weighted mean but names no weight";
        HintWeightedMeanWithoutWeight => "写成 aggregation = { method = \"weighted_mean\", weight = \"女性人口\" }（地区表中的权重列），或在 [rollup] 中写 weight",
            "write aggregation = { method = \"weighted_mean\", weight = \"…\" } with a weight column of the areas file, or give weight in [rollup]";

        // ── Objectives ──────────────────────────────────────────────────────────────────────────
        ObjectiveKindBad => "目标类型 kind = \"{kind}\" 无效", "the objective's kind = \"{kind}\" is not valid";
        HintObjectiveKind => "kind 只能是 \"quantitative\"（有量化指标）或 \"qualitative\"（定性目标）",
            "kind is either \"quantitative\" (with indicators) or \"qualitative\" (a qualitative objective)";
        ObjectiveMarkedWithoutIndicators => "目标 {code} 标为 {kind}，但没有任何指标", "objective {code} is marked {kind} but has no indicators";
        ObjectiveMarkedWithIndicators => "目标 {code} 标为 {kind}，但列有量化指标", "objective {code} is marked {kind} but lists indicators";
        HintObjectiveMarked => "有指标的目标写 kind = \"quantitative\"，没有指标的写 kind = \"qualitative\"",
            "write kind = \"quantitative\" for an objective with indicators and kind = \"qualitative\" for one without";
        QualitativeWithoutLead => "定性目标 {code} 没有牵头单位，无人填报自评",
            "qualitative objective {code} has no lead unit, so nobody reports its self-assessment";
        HintAddLead => "加上 lead_unit = \"…\"（本领域责任单位之一）", "add lead_unit = \"…\" (one of the domain's responsible units)";

        // ── Indicators ──────────────────────────────────────────────────────────────────────────
        MissingUnit => "{what} 缺少计量单位 unit", "{what} has no measurement unit (unit)";
        UnknownUnit => "{what} 的计量单位 \"{unit}\" 无法识别", "the measurement unit \"{unit}\" of {what} is not known";
        HintUnits => "unit 可用：{list}", "unit may be: {list}";
        DecimalsOutside => "{what} 的小数位数 {n} 超出 0–6", "the decimals {n} of {what} are outside 0–6";
        HintDecimals => "decimals 写 0 到 6 之间的整数", "write decimals as a whole number from 0 to 6";
        BadBreakdown => "{what} 的分组 \"{key}\" 无效", "the breakdown \"{key}\" of {what} is not valid";
        HintBreakdown => "disaggregation 只能包含 \"sex\"（男女）和 \"area\"（城乡）",
            "disaggregation may hold only \"sex\" (female/male) and \"area\" (urban/rural)";
        MissingTarget => "{what} 缺少目标 target", "{what} has no target";
        HintAddTarget => "加上 target = { kind = \"…\", value = …, wording = \"规划原文\" }",
            "add target = { kind = \"…\", value = …, wording = \"the plan's own words\" }";
        TargetNotTable => "{what} 的 target 应为表", "the target of {what} must be a table";
        HintTargetTable => "写成 target = { kind = \"…\", value = …, wording = \"…\" }", "write target = { kind = \"…\", value = …, wording = \"…\" }";
        DirectionContradicts => "{what} 的方向 {direction} 与目标类型所隐含的方向 {implied} 矛盾",
            "the direction {direction} of {what} contradicts the direction {implied} its target kind implies";
        HintDirectionContradicts => "删去 direction（由目标类型决定），或改正目标类型",
            "delete direction (the target kind decides it), or correct the target kind";
        DirectionBad => "{what} 的方向 \"{direction}\" 无效", "the direction \"{direction}\" of {what} is not valid";
        HintDirection => "direction 只能是 increase、decrease、band 或 none", "direction is one of increase, decrease, band or none";
        DirectionNeeded => "{what} 的目标类型不决定方向，须写 direction",
            "the target kind of {what} does not decide a direction, so direction must be given";
        HintAddDirection => "加上 direction = \"increase\"（越高越好）或 \"decrease\"（越低越好）",
            "add direction = \"increase\" (higher is better) or \"decrease\" (lower is better)";
        LeadOutsideDomain => "{what} 的牵头单位“{name}”不在本领域的责任单位之列",
            "the lead unit \"{name}\" of {what} is not one of the domain's responsible units";
        HintLeadOutsideDomain => "确认牵头单位，或把它加入该领域的 responsible_units",
            "check the lead unit, or add it to the domain's responsible_units";
        MissingLead => "{what} 缺少牵头单位 lead_unit", "{what} has no lead unit (lead_unit)";
        RateNotTable => "{what} 的 rate 应为表", "the rate of {what} must be a table";
        HintRateTable => "写成 rate = { numerator = \"分子名称\", denominator = \"分母名称\" }",
            "write rate = { numerator = \"the numerator's name\", denominator = \"the denominator's name\" }";
        RateOfNonRate => "{what} 不是比率（%、‰、1/10万），不能有分子分母",
            "{what} is not a rate (%, ‰, per 100,000), so it cannot have a numerator and denominator";
        HintRateOfNonRate => "删去 rate，或把 unit 改为 percent、per_mille 或 per_100k",
            "delete rate, or change unit to percent, per_mille or per_100k";

        // ── Targets ─────────────────────────────────────────────────────────────────────────────
        UnknownTargetKind => "{what} 的目标类型 \"{kind}\" 无法识别", "the target kind \"{kind}\" of {what} is not known";
        HintTargetKinds => "kind 可用：{list}", "kind may be: {list}";
        NeedsValue => "{what} 的目标类型 {kind} 需要目标值 value", "the target kind {kind} of {what} needs a target value (value)";
        HintAddValue => "加上 value = 数字（规划原文中的目标值）", "add value = a number (the target value in the plan's text)";
        ImpossibleValue => "{what} 的目标值 {value}{unit} 超出该单位可能的取值范围 {low}–{high}",
            "the target value {value}{unit} of {what} is outside the range {low}–{high} its unit admits";
        HintImpossibleValue => "核对规划原文的目标值和计量单位", "check the target value and the unit against the plan's text";
        ToleranceNotPositive => "{what} 的容差必须是正数", "the tolerance of {what} must be a positive number";
        HintTolerance => "写成例如 tolerance = 2", "write for example tolerance = 2";
        NeedsOther => "{what} 的目标类型 {kind} 需要比较对象 other",
            "the target kind {kind} of {what} needs the indicator it is compared with (other)";
        HintAddOther => "加上 other = \"被比较的指标编码\"", "add other = \"the code of the indicator compared with\"";
        NeedsBetween => "{what} 的差距目标需要 between", "the gap target of {what} needs between";
        HintAddBetween => "加上 between = \"area\"（城乡）或 \"sex\"（男女）", "add between = \"area\" (urban/rural) or \"sex\" (female/male)";
        BetweenBad => "{what} 的 between = \"{between}\" 无效", "between = \"{between}\" of {what} is not valid";
        HintBetween => "between 只能是 \"area\"（城乡）或 \"sex\"（男女）", "between is either \"area\" (urban/rural) or \"sex\" (female/male)";
        WordingMismatch => "{what}：原文“{wording}”读作 {read}，但目标写的是 {written}",
            "{what}: the plan's words \"{wording}\" read as {read}, but the target says {written}";
        HintWordingMismatch => "核对目标类型、目标值和 inclusive 是否与规划原文一致",
            "check that the target kind, the value and inclusive agree with the plan's words";
    }
}
