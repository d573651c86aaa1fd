"""Chinese ``--help`` texts, by command path (``"findings close"``) and by option
(``"findings close --by"``); ``"* --json"`` is the text of an option wherever the command has no
entry of its own. A text missing here is shown in English (tests list the commands covered).

``\\b`` keeps click from re-wrapping the paragraph that follows (exit statuses, examples).
"""

from __future__ import annotations

__all__ = ["HELP_ZH"]

_EXIT_CHECK = """\b
退出状态：
  0  没有达到 --fail-on 严重程度（默认 S2）及以上的有效发现
  1  有达到该严重程度及以上的有效发现
  2  用法或配置错误（未执行检查）
  3  有规则、插件或钩子出错；其他规则的发现已存储"""

HELP_ZH: dict[str, str] = {
    # ---------------------------------------------------------------- shared options
    "* --json": "以 JSON 输出而非文本（各命令的 JSON 结构见 docs/reference/json-output.md）。",
    "* --help": "显示本帮助并退出。",
    "* --by": "操作人（姓名或用户编号），记入事件。环境变量：ESUP_ACTOR。",
    "* --set": "记录的其他字段，写法同记录的 JSON 形式（能按 JSON 解析时按 JSON 解析）；"
    "替换已存储的值。参见 `esup schema TYPE`。",
    "* --related": "所涉及的记录。",
    # ---------------------------------------------------------------- esup
    "": "esup — 行政执法监督。\n\n"
    "导入行政执法记录，计算法定期限，运行规则检查，跟踪发现的问题直至整改完毕。"
    "各命令的用法见 ``esup 命令 --help``。",
    "--version": "显示版本并退出。",
    "--config": "配置文件（TOML）。默认：存在时为 ./esup.toml。环境变量：ESUP_CONFIG。",
    "--db": "数据库 URL 或 SQLite 文件路径。默认：取自配置文件，否则为 ./esup.sqlite。"
    "环境变量：ESUP_DB。",
    "--lang": "消息和 --help 的语言（zh：中文，en：英文）。环境变量：ESUP_LANG。",
    "--json-logs": "在标准错误上强制输出 JSON 格式的日志行。",
    "--verbose": "在标准错误上输出更多日志：-v 输出进度事件，-vv 输出调试信息。"
    "默认：仅警告和错误。",
    "--debug": "出错时显示完整的调用栈，而不是一行错误信息。",
    # ---------------------------------------------------------------- init / import / export
    "init": "创建数据库（或将其迁移到最新结构），并显示其位置。",
    "import": "从 JSON Lines、CSV（UTF-8、GBK/GB18030、UTF-16）或电子表格（XLSX、XLS、ODS）"
    "导入记录。\n\n有效的行被存储；无效的行连同行号和原因写入输入文件旁的 "
    "PATH.rejects.jsonl。重复导入同一文件不会存储新内容；内容有变化的记录生成新版本。"
    "数据库不存在时自动创建（--dry-run 除外）。\n\n\b\n"
    "退出状态：\n  0  所有行已存储或无变化（--dry-run 时：全部有效）\n"
    "  4  有行被拒绝（见拒绝文件；其他行已存储）\n"
    "  2  某个输入完全无法读取（文件不存在，格式、类型或映射未知，文本无法解码，\n"
    "     没有表头行，列名未知）：该文件的内容均未存储",
    "import --type": "每一行的记录类型（见 esup schema --list；CSV/XLSX 且未给 --mapping 时；"
    "JSON Lines 的行可自带 record_type）。",
    "import --format": "输入格式（xlsx 也可读取 .xls 和 .ods）。默认：按文件名判断。",
    "import --mapping": "列映射（CSV/XLSX）：内置映射的名称或 TOML 文件。"
    "默认：数据模型的中文字段名。",
    "import --column-map": "--mapping 的旧名称（TOML 文件）。",
    "import --sheet": "工作表：名称或从 1 起的序号（默认：第一个）。",
    "import --header-row": "表头所在的行（从 1 起）。默认：按已知表头自动查找。",
    "import --encoding": "CSV/文本文件的编码（utf-8、gb18030、gbk、utf-16 等）。"
    "默认：自动识别（BOM、UTF-8，再试 GB18030）。",
    "import --dry-run": "只校验并报告，不存储。",
    "import --json": "以 JSON Lines 输出摘要：每个文件一个对象"
    "（见 docs/reference/json-output.md）。",
    "import --workers": "校验行的工作进程数"
    "（默认：大于 4 MB 的文件、大于 512 kB 的电子表格为 2，否则为 1）。",
    "export": "导出已存储记录的当前版本：JSON Lines、XLSX 或 CSV。\n\n"
    "XLSX 和 CSV 以数据模型的中文字段名为表头；`esup import --type TYPE`"
    "（多种记录类型的 XLSX 再加 --sheet）可将其原样读回为相同的记录。",
    "export --out": "输出文件（默认：标准输出；xlsx 必须指定）。",
    "export --format": "jsonl（可重新导入）、xlsx（每种记录类型一个工作表，中文表头，真正的日期"
    "单元格）或 csv（一种记录类型）。默认：按 --out 的文件名判断，否则为 jsonl。",
    "export --type": "仅此记录类型（见 esup schema --list）。",
    "export --agency": "仅此执法主体编号的记录。",
    "export --encoding": "CSV 导出的编码（gb18030 可在中文 Excel 中直接打开；utf-8-sig 也可）。",
    "export --json": "指定 --out 时以 JSON 输出摘要"
    "（未指定 --out 时，输出本身就是 JSON Lines 记录）。",
    # ---------------------------------------------------------------- records / schema
    "records": "查看已存储的记录。",
    "records list": "列出已存储的记录（当前版本）：类型、编号、版本、执法主体。",
    "records list --type": "仅此记录类型（见 esup schema --list）。",
    "records list --agency": "仅此执法主体编号的记录。",
    "records list --limit": "最多显示的行数。",
    "records list --counts": "只显示每种类型的记录数。",
    "records show": "以 JSON 显示一条已存储的记录。",
    "records show --version": "某个历史版本（默认：当前版本）。",
    "records show --history": "列出所有已存储的版本。",
    "records show --json": "以 JSON 输出（记录本身总是 JSON；加 --history 时以 JSON 列出各版本）。",
    "schema": "输出一种记录类型的 JSON Schema（用于校验 JSON Lines 输入）。",
    "schema --list": "列出记录类型。",
    "schema --json": "以 JSON 输出记录类型列表（Schema 本身总是 JSON）。",
    # ---------------------------------------------------------------- statutory time
    "deadline": "输出自 START（YYYY-MM-DD）起算的法定期限的最后一日。\n\n"
    "--days、--working-days、--months、--years 四者只能给一个。开始的当日不计入"
    "（民法典第二百零一条）。在一行中输出 ISO 日期；--explain 另输出计算过程。"
    "用到没有官方节假日安排的年份时报错，除非指定 --provisional。",
    "deadline --days": "N 日（自然日，CD）；开始的当日不计入。",
    "deadline --working-days": "N 个工作日（WD），按国务院公布的节假日安排。",
    "deadline --months": "N 个月，到期日为对应日，没有对应日的为该月最后一日（M）。",
    "deadline --years": "N 年（Y）。",
    "deadline --rollover": "最后一日为休息日的，顺延至休息日后的第一个工作日（CD+R）。",
    "deadline --before": "自 START 向前倒推：为使 START 之前尚余 N 个（工作）日，"
    "最迟须行动的日期。",
    "deadline --explain": "同时输出日期的计算过程。",
    "deadline --provisional": "没有官方安排的年份，按周末和法定节假日推算；结果标为暂定。",
    "calendar": "输出 YEAR 年的官方放假日、调休上班日和来源通知。\n\n"
    "年份来自内置的节假日安排和配置文件的 [calendar] 节。没有安排的年份报错，"
    "除非指定 --provisional。",
    "calendar --provisional": "没有官方安排的年份，显示暂定的节假日。",
    # ---------------------------------------------------------------- plugins / rules
    "plugins": "已安装的插件（入口点组 ``enforcement_supervision``）。",
    "plugins list": "列出插件：名称、版本、状态（loaded 已加载、blocked 已屏蔽、error 出错）、"
    "钩子、"
    "规则，以及加载失败的原因。一个插件失败不影响其他插件。",
    "rules": "已加载插件提供的规则。",
    "rules list": "列出规则：编号、严重程度、类别、标题、法律依据和插件。",
    "rules list --plugin": "仅此插件的规则。",
    "rules show": "显示一条规则：元数据、法律依据、参数及其当前值、文档。",
    "rules new": "在 DIR/NAME 新建一个规则包插件：带入口点的 pyproject.toml、一条使用消息模板"
    "并附法律依据和用例的示例规则、测试和 README。\n\n新建的规则包立即可以通过自己的测试：\n\n\b\n"
    "  esup rules new mypack && (cd mypack && pip install -e . && pytest)",
    "rules new --dir": "在此文件夹中创建规则包文件夹 NAME。",
    "rules test": "运行数据驱动的规则用例，并报告规则覆盖情况。\n\n"
    "不给 PATHS 时，使用每个已加载插件的 ``cases`` 文件夹，每条规则都须至少有一个"
    "命中用例和一个不命中用例。给出 PATHS（用例文件或文件夹）时，这些用例涉及的规则"
    "——以及 ``cases`` 文件夹被给出的插件的全部规则——须被覆盖。\n\n\b\n"
    "退出状态：0 全部用例通过且覆盖完整；1 其他情况。",
    "rules test --plugin": "仅此插件的用例和规则。",
    "rules test --verbose": "也列出通过的用例。",
    "rules test -k": "仅运行编号（规则编号::用例名）或文件名与 EXPR 匹配的用例：若干词"
    "（子串，不区分大小写）以 and、or、not 和括号组合，同 pytest -k。此时不检查覆盖。",
    "rules test --junit": "同时将结果以 JUnit XML 写入 FILE（供持续集成使用）。",
    # ---------------------------------------------------------------- config
    "config": "配置文件（esup.toml）。",
    "config check": "校验配置文件：未知的节和键、类型错误的值、未知的规则编号、参数和规则包、"
    "数据库 URL、意见书设置、计划检查。\n\nPATH 默认依次为 --config、$ESUP_CONFIG、"
    "./esup.toml。每个问题一行，以其键路径开头（rules.PEN-NOTICE.hearing_days）。\n\n\b\n"
    "退出状态：0 没有错误（可能有警告）；2 有错误。",
    # ---------------------------------------------------------------- check
    "check": "对已存储的记录运行已启用的规则，存储发现的问题和本次运行，并输出摘要。\n\n"
    "默认为增量检查：只评估有变化的记录、到了复查时间的对象，以及新增或有改动的规则；"
    "--full 评估全部，结果相同。\n\n" + _EXIT_CHECK,
    "check --as-of": "评估时点：YYYY-MM-DD 表示北京时间当日 0 时；不带时区的 ISO 日期时间按"
    "北京时间理解。默认：现在。",
    "check --rules": "仅这些规则：编号、通配符（``PEN-*``）、类别（inaction）或插件名；"
    "可重复，也可用逗号分隔。默认：全部已启用的规则。",
    "check --skip-rules": "本次运行不执行这些规则（写法同 --rules）。要长期停用某条规则，"
    "请在配置文件的 [rules] disabled 中列出。",
    "check --full": "评估每一个对象，而不只是到期的对象。",
    "check --wait": "另一检查持有检查锁时等待的秒数（0：立即放弃，以状态 6 退出）。"
    "默认：[engine] lock_wait，否则为 60。",
    "check --json": "以 JSON 输出本次运行（见 docs/reference/json-output.md）。",
    "check --format": "已弃用：请用 --json（--format json 与之相同）。",
    "check --fail-on": "有达到此严重程度及以上的有效发现时，以状态 1 退出。"
    "默认：[engine] fail_on，否则为 S2。",
    "check --no-sources": "不先从数据源插件读取记录。",
    "check --workers": "用 N 个工作进程评估（0：每个处理器一个）；发现与串行运行相同。"
    "默认：[engine] workers，否则为 1。",
    "check --verify-screens": "不论规则的筛选条件，评估每一个对象（含 --full），筛选范围外的"
    "对象若有发现或法定时限计时，即作为错误报告（退出状态 3）；发现与不用筛选条件时相同"
    "（见 docs/guide/screens.md）。",
    # ---------------------------------------------------------------- findings
    "findings": "已存储的问题发现：列出，查看一条的理由和历史。",
    "findings list": "列出已存储的问题发现，最严重的在前。",
    "findings list --status": "open、reopened、resolved、notified、rectified、closed、waived；"
    "'active'（默认）指仍被检出且未销号、未豁免；'all' 指全部状态。",
    "findings list --rule": "仅这些规则。",
    "findings list --severity": "仅这些严重程度（可重复）。",
    "findings list --category": "仅属于其中某一类别的发现（可重复）：inaction 不作为、"
    "abuse 乱作为、procedure 程序违法、transparency 公示公开、personnel 人员资格、"
    "supervision-mechanism 监督机制运行。",
    "findings list --agency": "仅此执法主体编号的发现。",
    "findings list --overdue": "仅已通知整改、整改期限已过而未登记整改的发现。",
    "findings list --as-of": "--overdue 计算到的日期。",
    "findings list --limit": "最多显示的条数。",
    "findings show": "显示一条发现（FINGERPRINT 或其唯一前缀）：含期限计算过程的理由说明、"
    "证据和事件历史。",
    "findings notify": "登记已向执法主体发出监督意见书或整改通知（open/reopened → notified）。",
    "findings notify --number": "监督意见书或整改通知书的文号。",
    "findings notify --due": "整改期限。",
    "findings notify --reason": "通知要求的内容（自由文本）。",
    "findings notify --on": "发出日期。默认：今天。",
    "findings extend": "变更已通知整改的发现的整改期限。",
    "findings extend --due": "新的整改期限。",
    "findings extend --reason": "变更期限的理由。",
    "findings rectify": "登记执法主体的整改情况（notified → rectified）。",
    "findings rectify --by": "执法主体中报告整改的人。环境变量：ESUP_ACTOR。",
    "findings rectify --description": "整改情况。",
    "findings rectify --evidence": "证据：文件、文号或记录编号（可重复）。",
    "findings rectify --on": "整改日期。默认：今天。",
    "findings close": "核验整改情况并销号（rectified → closed）。",
    "findings close --by": "核验人：不能是登记整改的人。环境变量：ESUP_ACTOR。",
    "findings close --reason": "如何核验的整改情况。",
    "findings reopen": "重新打开已通知、已整改、已销号或已豁免的发现（有效的豁免随之撤销）。",
    "findings reopen --reason": "重新打开的理由。",
    "findings waive": "申请豁免一条发现（标为不可豁免的规则不受理）。",
    "findings waive --by": "申请豁免的人。环境变量：ESUP_ACTOR。",
    "findings waive --category": "理由类别：误报、法定例外或接受风险。",
    "findings waive --reason": "豁免理由（自由文本）。",
    "findings waive --expires": "豁免有效的最后一日。",
    "findings waive --approved-by": "同时批准（须为另一人）；否则豁免等待 approve-waiver。",
    "findings approve-waiver": "批准待批的豁免（WAIVER：豁免编号或发现的指纹）。",
    "findings approve-waiver --by": "审批人：不能是申请人。环境变量：ESUP_ACTOR。",
    "findings waivers": "列出豁免；--stale 列出已不再对应任何发现的豁免。",
    "findings waivers --state": "仅这些状态的豁免。默认：待批和有效。",
    "findings waivers --stale": "仅其发现已不再产生的豁免。",
    "findings expire-waivers": "结束已过期的豁免，其发现重新出现"
    "（esup check 每次运行后都会执行）。",
    "findings expire-waivers --as-of": "计算到的日期（默认：今天）。",
    "findings history": "一条发现的完整历史：每个事件的时间、操作人和理由。",
    "findings verify": "校验事件日志的哈希链，以及已存储的问题发现是否与事件链重放的结果一致"
    "（状态、发现、基线、规则与对象；无增删）；给出 --anchor 时还校验事件链是否经过该锚点。"
    "有问题时以状态 1 退出并指出第一个问题。",
    "findings verify --anchor": "此前由 esup findings anchor 打印、保存在数据库之外的锚点："
    "校验事件链仍经过它。",
    "findings anchor": "打印事件链的锚点：事件数和最后一个事件的哈希。请保存在数据库之外"
    "（监督机构的档案、签发的意见书）；以后 esup findings verify --anchor "
    "可证明此前的事件未被改写。",
    # ---------------------------------------------------------------- runs / baseline
    "runs": "检查运行的历史。",
    "runs list": "列出最近的运行，最新的在前：编号、开始时间、评估时点、模式、结果、计数、用时。",
    "runs list --limit": "最多显示的条数。",
    "runs show": "显示一次运行（RUN_ID 或其唯一前缀）：摘要、错误及调用栈、最慢的规则和说明。",
    "baseline": "逐步推行用的基线：今天的有效发现，报告据此显示此后新增的问题。基线只减不增。",
    "baseline create": "将今天的有效发现记为基线。再次运行不会增加内容：此后已解决或销号的发现"
    "移出基线。",
    "baseline create --by": "记录人。环境变量：ESUP_ACTOR。",
    "baseline create --note": "随基线保存的备注。",
    "baseline show": "显示基线：建立时间、建立人、建立时和现在的规模。",
    # ---------------------------------------------------------------- report
    "report": "将已存储的发现生成报告，并输出写出的文件路径。\n\n"
    "从数据库读取发现、整改跟踪、最近一次运行和规则元数据；不重新检查。"
    "个人信息按 --audience 遮蔽。\n\n\b\n示例：\n"
    "  esup report --format html --out var/report.html\n"
    "  esup report --format notice --out var/notices --audience agency\n"
    "  esup report --format sarif --out esup.sarif --lang en\n"
    "  esup report --format html --out var/report.html --compare 2025-11-30\n"
    "  esup report --schema > report.schema.json",
    "report --format": "html：带图表的独立网页；notice：每个执法主体一份行政执法监督意见书"
    "（.docx + .html，--out 为文件夹）；xlsx：监督台账；json：报告文档（结构见 --schema）；"
    "sarif：SARIF 2.1.0；junit：JUnit XML；md：Markdown 摘要。",
    "report --out": "写出的文件（--format notice 时：接收意见书的文件夹）。",
    "report --agency": "仅此执法主体的发现。",
    "report --from": "仅事实发生日期（没有时为发现日期）在此日或之后的发现。",
    "report --to": "仅事实发生日期（没有时为发现日期）在此日或之前的发现。",
    "report --lang": "报告的语言。默认：全局 --lang（zh）。",
    "report --audience": "internal：全部内容；agency：举报人等化名；public：另遮蔽自然人的姓名、"
    "身份证号、电话号码和地址。",
    "report --compare": "与之前某次检查后的状态比较：运行编号（或其开头几位）或日期 YYYY-MM-DD"
    "（当日或之前评估的最后一次运行）：按执法主体和类别列出此后新增、已解决、仍未解决和"
    "逾期的问题。默认：报告日一个月或更早之前的最后一次运行（如有）；'none' 表示不比较。",
    "report --schema": "输出 JSON 报告的 JSON Schema 并退出。",
    "report --json": "以 JSON 输出写出的内容（文件、发现条数）。",
    # ---------------------------------------------------------------- schedule
    "schedule": "配置文件中以 [[schedules]] 声明的计划检查：列出和预览，运行到期的检查"
    "（由 cron、systemd 定时器、APScheduler 或 Celery beat 调用），或保持一个小循环运行；"
    "查看运行历史。",
    "schedule list": "列出已声明的计划检查，及其下一次时间和最近处理的一次。",
    "schedule list --as-of": "显示此时点之后的下一次（默认：现在）。",
    "schedule preview": "显示计划检查 NAME 接下来的若干次时间，含日期和星期，遵守 "
    "working_days_only（法定工作日，含调休上班的周六）。",
    "schedule preview --next": "显示多少次。",
    "schedule preview --from": "此时点之后的各次（默认：现在）。",
    "schedule preview --explain": "同时显示因当日不是工作日而略去的 cron 匹配。",
    "schedule run-due": "运行每个已到时间的计划检查，每个（计划, 时间点）恰好一次，无论多少进程"
    "同时调用。供 cron 和 systemd 定时器使用；错过的时间点按各计划的 catch_up 策略处理。\n\n\b\n"
    "退出状态：\n  0  处理的每个时间点都无错误运行，或没有到期的\n  2  用法或配置错误\n"
    "  3  某时间点的检查有规则错误或失败，或无法判定某时间点的日期类型",
    "schedule run-due --as-of": "哪些时间点到期：截至此时点的（默认：现在）。YYYY-MM-DD 表示"
    "北京时间当日 0 时。每个时间点的检查按该时间点本身评估。",
    "schedule run-due --schedule": "仅这些计划（可重复）。默认：全部已启用的计划。",
    "schedule run-due --lease-seconds": "认领在不续期时保持多久；进程失效后其时间点在此之后重试。",
    "schedule run-due --owner": "本进程在运行历史中的名称（默认 主机:进程号:编号）。",
    "schedule serve": "立即运行到期的检查，然后休眠到下一个时间点再运行，直到收到 SIGTERM 或 "
    "SIGINT。正在进行的检查会先完成再停止（第二个信号会中断它；其时间点由下一次调用重试）。"
    "供没有 cron、systemd 定时器或其他调度器的系统使用；多个循环可共用一个数据库。",
    "schedule serve --lease-seconds": "认领在不续期时保持多久。",
    "schedule serve --owner": "本进程在运行历史中的名称（默认 主机:进程号:编号）。",
    "schedule history --limit": "最多显示的条数。",
    "schedule serve --max-sleep": "至少每隔这么多秒醒来一次，以发现时钟变化。",
    "schedule history": "显示已处理的时间点（计划 NAME 的，或全部计划的），最新的在前：时间点、"
    "结果、新增/解决/重新打开的发现、规则错误、用时、检查运行编号。",
    # ---------------------------------------------------------------- supervision
    "supervision": "监督机构的记录：监督联系点、社会监督员、意见建议、投诉举报和监督检查。"
    "每个命令新建记录或为其增加一个新版本（给出的字段被修改；活动等列表追加）。",
    "supervision liaison-point": "设立（或更新）行政执法监督联系点。",
    "supervision liaison-point --agency": "联系点所属的监督机构。",
    "supervision liaison-point --name": "企业或单位名称。",
    "supervision liaison-point --designated": "设立日期。",
    "supervision liaison-point --document": "设立文件文号。",
    "supervision liaison-point --status": "状态。",
    "supervision liaison-point --status-date": "状态的日期。",
    "supervision liaison-point --term-months": "任期（月）。",
    "supervision liaison-point --term-end": "任期届满日。",
    "supervision liaison-point --credit-code": "统一社会信用代码。",
    "supervision liaison-point --contact-name": "联系人（个人信息）。",
    "supervision liaison-point --contact-phone": "联系电话（个人信息）。",
    "supervision liaison-point --criterion": "rule_of_law（依法治理）、"
    "lawful_operation（合法经营）、"
    "honesty（诚实守信），是否符合及证据（可重复）。",
    "supervision supervisor": "聘任（或更新）行政执法社会监督员，并登记其活动。",
    "supervision supervisor --agency": "聘任监督员的机构。",
    "supervision supervisor --name": "姓名（个人信息）。",
    "supervision supervisor --appointed": "聘任日期。",
    "supervision supervisor --status": "状态。",
    "supervision supervisor --status-date": "状态的日期。",
    "supervision supervisor --term-months": "任期（月）。",
    "supervision supervisor --term-end": "任期届满日。",
    "supervision supervisor --phone": "电话（个人信息）。",
    "supervision supervisor --id-number": "身份证号（个人信息）。",
    "supervision supervisor --occupation": "职业。",
    "supervision supervisor --activity": "一项活动（observation、meeting、inspection_accompany、"
    "opinion、case_file_review、training、other）；可重复。",
    "supervision supervisor --disqualification": "一项不得担任的情形（criminal_penalty、"
    "dishonest_judgment_debtor 等）；可重复。",
    "supervision feedback": "登记从监督联系点或社会监督员处收到的意见建议。",
    "supervision feedback --agency": "收集意见的机构。",
    "supervision feedback --source-kind": "提出者类型。",
    "supervision feedback --source": "监督联系点或监督员的编号。",
    "supervision feedback --received": "收集日期。",
    "supervision feedback --channel": "收集方式。",
    "supervision feedback --kind": "种类。",
    "supervision feedback --summary": "内容。",
    "supervision complaint": "登记执法投诉举报。",
    "supervision complaint --agency": "受理的机构。",
    "supervision complaint --received": "收到日期。",
    "supervision complaint --channel": "来源渠道。",
    "supervision complaint --complainant": "投诉人姓名（将化名处理）。",
    "supervision complaint --complainant-phone": "投诉人电话（个人信息）。",
    "supervision complaint --anonymous": "匿名投诉。",
    "supervision complaint --respondent": "被投诉的执法主体。",
    "supervision complaint --category": "投诉类别（见 `esup schema complaint`）。",
    "supervision complaint --summary": "内容。",
    "supervision complaint --accepted": "受理日期。",
    "supervision forward": "登记意见建议或投诉已转交执法主体。",
    "supervision forward --to": "转交的执法主体。",
    "supervision forward --on": "转交日期。",
    "supervision answer": "登记对意见建议的答复或对投诉的处理结果。",
    "supervision answer --on": "答复日期。",
    "supervision answer --summary": "答复内容（意见建议）。",
    "supervision answer --outcome": "投诉的处理结果（办结）。",
    "supervision check": "登记一次监督检查（日常检查、案卷评查、专项检查）：谁检查了哪个执法主体、"
    "抽查的案件、结论和发出的监督意见。",
    "supervision check --agency": "监督机构。",
    "supervision check --type": "检查类型。",
    "supervision check --date": "检查开始日期。",
    "supervision check --end-date": "检查结束日期。",
    "supervision check --title": "标题。",
    "supervision check --supervised": "被检查的执法主体（可重复）。",
    "supervision check --participant": "参加的执法人员（可重复）。",
    "supervision check --supervisor": "参加的社会监督员（可重复）。",
    "supervision check --population": "检查范围内的记录数。",
    "supervision check --sample": "抽查的记录，附等次（excellent、good、pass、fail）和结论。",
    "supervision check --conclusion": "总体结论。",
    "supervision check --opinion": "向 AGENCY 于 ISSUED 发出、要求于 DEADLINE 前整改的监督意见"
    "（可重复）。",
    "supervision check --opinion-rectified": "文号为 NUMBER 的监督意见已于该日整改（可重复）。",
    "supervision list": "列出监督机构的记录（当前版本）。",
    "supervision list --type": "仅这些记录类型（可重复）。默认：全部五种。",
    "supervision list --agency": "仅此机构编号的记录。",
    "supervision list --audience": "读者：监督机构以外（agency、public）的读者"
    "看到的举报人等为化名。",
}
