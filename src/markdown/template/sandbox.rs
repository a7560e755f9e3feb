//! What a page's body may reach while Tera expands it, and how much work it
//! may do. Bodies are untrusted when CI builds a pull request, so:
//!
//! - Tera's `get_env` is replaced by a function that refuses, and `now` is
//!   refused the same way (the same files always build the same site);
//! - `range` is bounded, per call and per page;
//! - every `{% for %}` round counts against a per page budget, and a page
//!   may run for a few seconds at most, since loops inside loops multiply;
//! - text made by `~` and by filters, lists made by `[…]` and by filters,
//!   and the expanded body, are bounded in size (and lists in depth), so no
//!   page can fill the build machine's memory or overflow its stack;
//! - arithmetic goes through [`arithmetic`]: `/` and `%` by zero, and
//!   answers too large to write, are errors, not `NaN` or a panic.
//!
//! The loop counter, `~`, `[…]` and arithmetic are reached by rewriting the
//! parsed template (Tera 1 exposes its syntax tree, undocumented but public,
//! and has no hook for them), see [`instrument`].

use super::arithmetic::{self, NoAnswer};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tera::ast::{Expr, ExprVal, Forloop, FunctionCall, MathExpr, MathOperator, Node};
use tera::Value;

/// The most numbers one `range` may give.
pub(super) const MAX_RANGE_ITEMS: usize = 10_000;
/// The most numbers all the `range` calls of one page may give together.
pub(super) const MAX_RANGE_ITEMS_PER_PAGE: usize = 100_000;
/// The most rounds all the `{% for %}` loops of one page may make together.
pub(super) const MAX_LOOP_ROUNDS: usize = 100_000;
/// The most bytes of the expanded body, and of any text a page makes.
pub(super) const MAX_TEXT_BYTES: usize = 10 * 1024 * 1024;
/// About the most items (counting those of lists inside lists) a list made
/// by a page may hold.
pub(super) const MAX_LIST_ITEMS: usize = 100_000;
/// How deep lists may be put inside lists. Tera writes and drops a value by
/// recursion, so `{% set_global a = [a] %}` in a loop would otherwise
/// overflow the stack.
pub(super) const MAX_LIST_DEPTH: usize = 32;
/// The memory one value in a list is counted as: lists are bounded to
/// [`MAX_TEXT_BYTES`] of memory, text and items together.
const ITEM_BYTES: usize = MAX_TEXT_BYTES / MAX_LIST_ITEMS;
/// The most time one page's template may run.
pub(super) const MAX_RUN_TIME: Duration = Duration::from_secs(10);

/// The functions the rewritten template calls; the `__signpost_` prefix
/// keeps them apart from the shortcodes and Tera's own.
const LOOP_ROUND: &str = "__signpost_loop_round";
const CALCULATE: &str = "__signpost_calculate";
const TOO_LARGE: &str = "__signpost_too_large";
const JOIN: &str = "__signpost_join";
const LIST: &str = "__signpost_list";
/// The filter that counts the text made inside `{% filter %}`.
const COUNTED: &str = "__signpost_counted";

/// Why the sandbox stopped a page, in words for its author.
#[derive(Clone, Debug)]
pub(super) struct Refusal {
    /// What is wrong.
    pub message: String,
    /// Text of the body to place the problem at: the first one found wins.
    pub near: Vec<String>,
    /// How to fix it.
    pub hint: String,
}

/// The limits of one page's expansion: make one for each page.
#[derive(Clone)]
pub(super) struct Sandbox(Arc<Budget>);

/// What one page has used, and the first refusal.
struct Budget {
    started: Instant,
    /// Text made inside `{% filter %}` sections, which Tera gathers in
    /// memory before the filter runs, out of reach of [`BoundedOutput`].
    filtered_bytes: AtomicUsize,
    range_items: AtomicUsize,
    loop_rounds: AtomicUsize,
    refusal: Mutex<Option<Refusal>>,
}

impl Sandbox {
    /// A sandbox with the whole budget, whose clock starts now.
    pub(super) fn new() -> Sandbox {
        Sandbox(Arc::new(Budget {
            started: Instant::now(),
            filtered_bytes: AtomicUsize::new(0),
            range_items: AtomicUsize::new(0),
            loop_rounds: AtomicUsize::new(0),
            refusal: Mutex::new(None),
        }))
    }

    /// The first refusal, if the sandbox stopped the page.
    pub(super) fn refusal(&self) -> Option<Refusal> {
        self.0.refusal.lock().ok()?.clone()
    }

    /// Records a refusal (keeping the first) and returns it as Tera's error.
    fn refuse(&self, message: String, near: &[&str], hint: &str) -> tera::Error {
        if let Ok(mut first) = self.0.refusal.lock() {
            first.get_or_insert(Refusal {
                message: message.clone(),
                near: near.iter().map(|n| n.to_string()).collect(),
                hint: hint.to_string(),
            });
        }
        tera::Error::msg(message)
    }

    /// Replaces what a page may not reach, bounds the rest, and adds the
    /// functions [`instrument`] calls.
    pub(super) fn install(&self, tera: &mut tera::Tera) {
        self.register(tera, "get_env", |sandbox, _| {
            Err(sandbox.refuse(
                "a page cannot read the build machine's environment".to_string(),
                &["get_env("],
                "put the value in site.yaml's `params` and write {{ params.NAME }}",
            ))
        });
        self.register(tera, "now", |sandbox, _| {
            Err(sandbox.refuse(
                "a page cannot read the clock: the same files always build the same site".to_string(),
                &["now("],
                "write the date in the page, or put it in site.yaml's `params` and write {{ params.NAME }}",
            ))
        });
        self.register(tera, "range", Sandbox::range);
        self.register(tera, LOOP_ROUND, Sandbox::loop_round);
        self.register(tera, JOIN, Sandbox::join);
        self.register(tera, LIST, Sandbox::list);
        self.register(tera, CALCULATE, Sandbox::calculate);
        self.register(tera, TOO_LARGE, |sandbox, _| {
            Err(sandbox.too_large_number(&[]))
        });
        self.bound_filters(tera);
        let sandbox = self.clone();
        tera.register_filter(COUNTED, move |value: &Value, _: &HashMap<String, Value>| {
            sandbox.count_filtered(value)
        });
    }

    /// Counts text made inside a `{% filter %}` section against
    /// [`MAX_TEXT_BYTES`], and passes it on unchanged.
    fn count_filtered(&self, value: &Value) -> tera::Result<Value> {
        let bytes = value
            .as_str()
            .map_or_else(|| value.to_string().len(), str::len);
        let made = self.0.filtered_bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if made > MAX_TEXT_BYTES {
            return Err(self.too_big(
                "the text inside `{% filter %}`",
                &["{% filter", "{%- filter"],
            ));
        }
        Ok(value.clone())
    }

    /// Registers `call` as the function `name`, run with this sandbox.
    fn register(
        &self,
        tera: &mut tera::Tera,
        name: &str,
        call: fn(&Sandbox, &HashMap<String, Value>) -> tera::Result<Value>,
    ) {
        let sandbox = self.clone();
        tera.register_function(name, move |args: &HashMap<String, Value>| {
            call(&sandbox, args)
        });
    }

    /// Wraps each of Tera's filters in a [`BoundedFilter`]. Tera 1 keeps
    /// its filters in a public (undocumented) map, the only way to reach
    /// the built-in ones to wrap them.
    fn bound_filters(&self, tera: &mut tera::Tera) {
        let filters: Vec<(String, Arc<dyn tera::Filter>)> = tera
            .filters
            .iter()
            .map(|(name, filter)| (name.clone(), filter.clone()))
            .collect();
        for (name, inner) in filters {
            let bounded = BoundedFilter {
                name: name.clone(),
                inner,
                sandbox: self.clone(),
            };
            tera.register_filter(&name, bounded);
        }
    }

    /// `range(end=…)`, `range(start=…, end=…, step_by=…)`: Tera's, with
    /// bounds checked before any number is made.
    fn range(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        // The `end` as written, to tell this `range` from others on the page.
        let end_written = args.get("end").map(|end| format!("end={end}"));
        let end_spaced = args.get("end").map(|end| format!("end = {end}"));
        let near: Vec<&str> = [
            end_written.as_deref(),
            end_spaced.as_deref(),
            Some("range("),
        ]
        .into_iter()
        .flatten()
        .collect();
        let hint = "`range` takes whole numbers: range(end=5) gives 0 to 4, range(start=1, end=6) gives 1 to 5";
        let whole = |key: &str, default: Option<u64>| match args.get(key) {
            None => default
                .ok_or_else(|| self.refuse("`range` needs an `end`".to_string(), &near, hint)),
            Some(value) => value.as_u64().ok_or_else(|| {
                self.refuse(
                    format!("`{key}` in `range` must be a whole number of 0 or more, not {value}"),
                    &near,
                    hint,
                )
            }),
        };
        let start = whole("start", Some(0))?;
        let end = whole("end", None)?;
        let step = whole("step_by", Some(1))?;
        if step == 0 {
            return Err(self.refuse("`step_by` in `range` cannot be 0".to_string(), &near, hint));
        }
        if start > end {
            return Err(self.refuse(
                format!("`range` starts at {start}, after its end {end}"),
                &near,
                hint,
            ));
        }
        let count = (end - start).div_ceil(step);
        if count > MAX_RANGE_ITEMS as u64 {
            return Err(self.refuse(
                format!("`range` here would give {count} numbers; it may give at most {MAX_RANGE_ITEMS}"),
                &near,
                "use a smaller range",
            ));
        }
        let used = self
            .0
            .range_items
            .fetch_add(count as usize, Ordering::Relaxed)
            + count as usize;
        if used > MAX_RANGE_ITEMS_PER_PAGE {
            return Err(self.refuse(
                format!("the `range` calls of this page give more than {MAX_RANGE_ITEMS_PER_PAGE} numbers in all"),
                &near,
                "use smaller ranges, or fewer of them",
            ));
        }
        let numbers = (start..end).step_by(step as usize).map(Value::from);
        Ok(Value::Array(numbers.collect()))
    }

    /// Counts one round of a `{% for %}` loop against the page's budget;
    /// `written` and `head` say how the loop was written.
    fn loop_round(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let rounds = self.0.loop_rounds.fetch_add(1, Ordering::Relaxed) + 1;
        if rounds > MAX_LOOP_ROUNDS {
            let written = |key: &str| args.get(key).and_then(Value::as_str).unwrap_or("{% for");
            return Err(self.refuse(
                format!("the `{{% for %}}` loops of this page go round more than {MAX_LOOP_ROUNDS} times in all"),
                &[written("written"), written("head"), "{% for", "{%- for"],
                "loop over shorter lists; a loop inside a loop goes round the product of their lengths",
            ));
        }
        self.check_time()?;
        Ok(Value::String(String::new()))
    }

    /// Stops a page whose template has run too long.
    fn check_time(&self) -> tera::Result<()> {
        if self.0.started.elapsed() <= MAX_RUN_TIME {
            return Ok(());
        }
        Err(self.refuse(
            format!(
                "this page's template ran for more than {} seconds",
                MAX_RUN_TIME.as_secs()
            ),
            &["{% for", "{%- for"],
            "loop over shorter lists, and make less text in each round",
        ))
    }

    /// `a ~ b ~ c`: Tera's joining of text and numbers, bounded in size.
    fn join(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let mut joined = String::new();
        for part in numbered(args) {
            match part {
                Value::String(text) => joined.push_str(text),
                Value::Number(number) => joined.push_str(&number.to_string()),
                _ => {
                    return Err(self.refuse(
                        "`~` joins text and numbers only; one side here is a list, a map, true/false or empty".to_string(),
                        &["~"],
                        "join the items of a list with | join(sep=\", \") first",
                    ))
                }
            }
            if joined.len() > MAX_TEXT_BYTES {
                return Err(self.too_big("`~`", &["~"]));
            }
        }
        Ok(Value::String(joined))
    }

    /// `[a, b, c]`: a list, refused when it is nested too deep or too large.
    fn list(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let items: Vec<Value> = numbered(args).cloned().collect();
        let written = args.get("written").and_then(Value::as_str).unwrap_or("[");
        let near = [written, "["];
        let list = Value::Array(items);
        if depth_over(&list, MAX_LIST_DEPTH) {
            return Err(self.refuse(
                format!("lists here are put inside one another more than {MAX_LIST_DEPTH} deep"),
                &near,
                "keep lists flat: add items with | concat(with=item)",
            ));
        }
        if heavier_than(&list, MAX_TEXT_BYTES) {
            return Err(self.too_many_items("`[…]`", &near));
        }
        Ok(list)
    }

    /// The error for text grown past [`MAX_TEXT_BYTES`] by `what`.
    fn too_big(&self, what: &str, near: &[&str]) -> tera::Error {
        self.refuse(
            format!(
                "{what} here makes more than {} MB of text",
                MAX_TEXT_BYTES / (1024 * 1024)
            ),
            near,
            "a page's text, and any text it makes, must stay under that size",
        )
    }

    /// The error for a list grown past [`MAX_TEXT_BYTES`] by `what`.
    fn too_many_items(&self, what: &str, near: &[&str]) -> tera::Error {
        self.refuse(
            format!("{what} here makes a list of more than about {MAX_LIST_ITEMS} items"),
            near,
            "loop over the items of a shorter list instead",
        )
    }

    /// `a + b`, `a - b`, `a * b`, `a / b` or `a % b`: Tera's arithmetic,
    /// with an error for a zero divisor or an answer too large to write.
    fn calculate(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let operator = args.get("operator").and_then(Value::as_str).unwrap_or("+");
        let written = args
            .get("written")
            .and_then(Value::as_str)
            .unwrap_or(operator);
        let near = [written, operator];
        let (Some(Value::Number(a)), Some(Value::Number(b))) = (args.get("a"), args.get("b"))
        else {
            return Err(self.refuse(
                format!("`{operator}` works on numbers only"),
                &near,
                "check that both sides are numbers, such as 10 or params.sessions_min; join text with `~`",
            ));
        };
        match arithmetic::calculate(operator, a, b) {
            Ok(answer) => Ok(Value::Number(answer)),
            Err(NoAnswer::DivisionByZero) => Err(self.refuse(
                "division by zero".to_string(),
                &near,
                "a number cannot be divided by zero; check the number after the `/` or `%`",
            )),
            Err(NoAnswer::TooLarge) => Err(self.too_large_number(&near)),
        }
    }

    /// The error for a number beyond what a page can hold.
    fn too_large_number(&self, near: &[&str]) -> tera::Error {
        self.refuse(
            "a number here is too large to work with".to_string(),
            near,
            "use smaller numbers; a number to show as it is can be written outside `{{ }}`",
        )
    }
}

/// The arguments `0`, `1`, `2`… of a call made by [`numbered_call`], in
/// order.
fn numbered(args: &HashMap<String, Value>) -> impl Iterator<Item = &Value> {
    (0..).map_while(|index: usize| args.get(&index.to_string()))
}

/// One of Tera's filters, refused when it would make text or lists larger
/// than [`MAX_TEXT_BYTES`].
struct BoundedFilter {
    name: String,
    inner: Arc<dyn tera::Filter>,
    sandbox: Sandbox,
}

impl tera::Filter for BoundedFilter {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        self.sandbox.check_time()?;
        let what = format!("the filter `{}`", self.name);
        let near = [
            format!("| {}", self.name),
            format!("|{}", self.name),
            self.name.clone(),
        ];
        let near: Vec<&str> = near.iter().map(String::as_str).collect();
        if growth_estimate(&self.name, value, args) > MAX_TEXT_BYTES {
            return Err(self.sandbox.too_big(&what, &near));
        }
        let result = self.inner.filter(value, args)?;
        if heavier_than(&result, MAX_TEXT_BYTES) {
            return Err(match result {
                Value::Array(_) | Value::Object(_) => self.sandbox.too_many_items(&what, &near),
                _ => self.sandbox.too_big(&what, &near),
            });
        }
        Ok(result)
    }

    fn is_safe(&self) -> bool {
        self.inner.is_safe()
    }
}

/// The size of what `replace` and `indent` would make, which can be far
/// larger than what they are given; 0 for other filters, whose results are
/// checked once made.
fn growth_estimate(filter: &str, value: &Value, args: &HashMap<String, Value>) -> usize {
    let text = value.as_str().unwrap_or("");
    let arg = |key: &str| args.get(key).and_then(Value::as_str).unwrap_or("");
    match filter {
        "replace" => {
            let copies = text.matches(arg("from")).count();
            text.len()
                .saturating_add(copies.saturating_mul(arg("to").len()))
        }
        "indent" => {
            let prefix = args
                .get("prefix")
                .and_then(Value::as_str)
                .map_or(4, str::len);
            let lines = text.lines().count() + 1;
            text.len().saturating_add(lines.saturating_mul(prefix))
        }
        _ => 0,
    }
}

/// Whether `value` takes more than `limit` bytes of memory, roughly: its
/// text, and [`ITEM_BYTES`] for each value in it. Stops counting as soon
/// as it does.
fn heavier_than(value: &Value, limit: usize) -> bool {
    fn add(value: &Value, total: &mut usize, limit: usize) -> bool {
        *total += ITEM_BYTES;
        match value {
            Value::String(text) => *total += text.len(),
            Value::Array(items) => return items.iter().any(|item| add(item, total, limit)),
            Value::Object(map) => {
                return map.iter().any(|(key, item)| {
                    *total += key.len();
                    add(item, total, limit)
                })
            }
            _ => {}
        }
        *total > limit
    }
    add(value, &mut 0, limit)
}

/// Rewrites a parsed body so that its loops, `~` and divisions go through
/// the sandbox: each loop round first calls the round counter, and `~`,
/// `/` and `%` become calls to the sandbox's functions.
pub(super) fn instrument(nodes: &mut [Node]) {
    for node in nodes.iter_mut() {
        instrument_node(node);
    }
}

fn instrument_node(node: &mut Node) {
    match node {
        Node::VariableBlock(_, expr) => instrument_expr(expr),
        Node::Set(_, set) => instrument_expr(&mut set.value),
        Node::FilterSection(_, section, _) => {
            instrument_call(&mut section.filter);
            instrument(&mut section.body);
            count_output(&mut section.body);
        }
        Node::Forloop(_, forloop, _) => {
            let round = loop_round_call(forloop);
            instrument_expr(&mut forloop.container);
            instrument(&mut forloop.body);
            let round = Node::VariableBlock(Default::default(), Expr::new(round));
            forloop.body.insert(0, round);
            if let Some(empty) = &mut forloop.empty_body {
                instrument(empty);
            }
        }
        Node::If(branches, _) => {
            for (_, condition, body) in &mut branches.conditions {
                instrument_expr(condition);
                instrument(body);
            }
            if let Some((_, body)) = &mut branches.otherwise {
                instrument(body);
            }
        }
        _ => {}
    }
}

fn instrument_call(call: &mut FunctionCall) {
    for arg in call.args.values_mut() {
        instrument_expr(arg);
    }
}

fn instrument_expr(expr: &mut Expr) {
    instrument_value(&mut expr.val);
    for filter in &mut expr.filters {
        instrument_call(filter);
    }
}

fn instrument_value(value: &mut ExprVal) {
    let replacement = match value {
        ExprVal::Math(math) => {
            instrument_expr(&mut math.lhs);
            instrument_expr(&mut math.rhs);
            Some(arithmetic_call(math))
        }
        // Tera panics writing a number it read as infinite.
        ExprVal::Float(number) if !number.is_finite() => Some(ExprVal::FunctionCall(
            numbered_call(TOO_LARGE, std::iter::empty()),
        )),
        ExprVal::Logic(logic) => {
            instrument_expr(&mut logic.lhs);
            instrument_expr(&mut logic.rhs);
            None
        }
        ExprVal::In(inside) => {
            instrument_expr(&mut inside.lhs);
            instrument_expr(&mut inside.rhs);
            None
        }
        ExprVal::Test(test) => {
            test.args.iter_mut().for_each(instrument_expr);
            None
        }
        ExprVal::FunctionCall(call) => {
            instrument_call(call);
            None
        }
        ExprVal::MacroCall(call) => {
            call.args.values_mut().for_each(instrument_expr);
            None
        }
        ExprVal::Array(items) => {
            items.iter_mut().for_each(instrument_expr);
            Some(list_call(std::mem::take(items)))
        }
        ExprVal::StringConcat(concat) => {
            concat.values.iter_mut().for_each(instrument_value);
            let parts = concat.values.drain(..).map(Expr::new);
            Some(ExprVal::FunctionCall(numbered_call(JOIN, parts)))
        }
        _ => None,
    };
    if let Some(replacement) = replacement {
        *value = replacement;
    }
}

/// Makes every piece of text a `{% filter %}` section's body writes, and
/// every value, pass through the [`COUNTED`] filter, so that its size is
/// bounded before Tera has gathered it all in memory.
fn count_output(nodes: &mut [Node]) {
    let counted = || FunctionCall {
        name: COUNTED.to_string(),
        args: HashMap::new(),
    };
    for node in nodes {
        match node {
            Node::Text(text) => {
                let text = ExprVal::String(std::mem::take(text));
                *node = Node::VariableBlock(
                    Default::default(),
                    Expr::with_filters(text, vec![counted()]),
                );
            }
            Node::VariableBlock(_, expr) => expr.filters.push(counted()),
            Node::Forloop(_, forloop, _) => {
                count_output(&mut forloop.body);
                if let Some(empty) = &mut forloop.empty_body {
                    count_output(empty);
                }
            }
            Node::If(branches, _) => {
                for (_, _, body) in &mut branches.conditions {
                    count_output(body);
                }
                if let Some((_, body)) = &mut branches.otherwise {
                    count_output(body);
                }
            }
            // A section inside is counted by its own instrumenting.
            _ => {}
        }
    }
}

/// A call to the round counter, told how the loop was written
/// (`for name in params.names`) so that an error can be placed at it.
fn loop_round_call(forloop: &Forloop) -> ExprVal {
    let head = match &forloop.key {
        Some(key) => format!("for {key}, {} in", forloop.value),
        None => format!("for {} in", forloop.value),
    };
    let written = match simple_text(&forloop.container.val) {
        Some(container) => format!("{head} {container}"),
        None => head.clone(),
    };
    let text = |text: String| Expr::new(ExprVal::String(text));
    let args = HashMap::from([
        ("written".to_string(), text(written)),
        ("head".to_string(), text(head)),
    ]);
    ExprVal::FunctionCall(FunctionCall {
        name: LOOP_ROUND.to_string(),
        args,
    })
}

/// How a number or a name was written, as far as the syntax tree tells.
fn simple_text(value: &ExprVal) -> Option<String> {
    match value {
        ExprVal::Int(n) => Some(n.to_string()),
        ExprVal::Float(n) => Some(n.to_string()),
        ExprVal::Ident(name) => Some(name.clone()),
        _ => None,
    }
}

/// `[a, b]` as a call to the sandbox's bounded list, told how the list
/// starts (`[a`) so that an error can be placed.
fn list_call(items: Vec<Expr>) -> ExprVal {
    let written = items
        .first()
        .and_then(|first| simple_text(&first.val))
        .map_or("[".to_string(), |first| format!("[{first}"));
    let mut call = numbered_call(LIST, items.into_iter());
    call.args
        .insert("written".to_string(), Expr::new(ExprVal::String(written)));
    ExprVal::FunctionCall(call)
}

/// A call to `name` with `parts` as its arguments `0`, `1`, `2`…, in order.
fn numbered_call(name: &str, parts: impl Iterator<Item = Expr>) -> FunctionCall {
    let args = parts
        .enumerate()
        .map(|(index, part)| (index.to_string(), part))
        .collect();
    FunctionCall {
        name: name.to_string(),
        args,
    }
}

/// Whether lists and maps in `value` are nested more than `limit` deep.
fn depth_over(value: &Value, limit: usize) -> bool {
    let children: Box<dyn Iterator<Item = &Value>> = match value {
        Value::Array(items) => Box::new(items.iter()),
        Value::Object(map) => Box::new(map.values()),
        _ => return false,
    };
    limit == 0
        || children
            .into_iter()
            .any(|child| depth_over(child, limit - 1))
}

/// `a + b` (and every other operator) as a call to the sandbox's checked
/// arithmetic, told how the right side was written so that an error can be
/// placed.
fn arithmetic_call(math: &MathExpr) -> ExprVal {
    let symbol = match math.operator {
        MathOperator::Add => "+",
        MathOperator::Sub => "-",
        MathOperator::Mul => "*",
        MathOperator::Div => "/",
        MathOperator::Modulo => "%",
    };
    let written = match simple_text(&math.rhs.val) {
        Some(right) => format!("{symbol} {right}"),
        None => symbol.to_string(),
    };
    let text = |text: &str| Expr::new(ExprVal::String(text.to_string()));
    let args = HashMap::from([
        ("a".to_string(), (*math.lhs).clone()),
        ("b".to_string(), (*math.rhs).clone()),
        ("operator".to_string(), text(symbol)),
        ("written".to_string(), text(&written)),
    ]);
    ExprVal::FunctionCall(FunctionCall {
        name: CALCULATE.to_string(),
        args,
    })
}

/// The expanded body, refused once it grows past [`MAX_TEXT_BYTES`].
pub(super) struct BoundedOutput {
    /// The bytes written so far.
    pub bytes: Vec<u8>,
    sandbox: Sandbox,
}

impl BoundedOutput {
    /// An empty output, whose refusal goes to `sandbox`.
    pub(super) fn new(sandbox: &Sandbox) -> BoundedOutput {
        BoundedOutput {
            bytes: Vec::new(),
            sandbox: sandbox.clone(),
        }
    }
}

impl std::io::Write for BoundedOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_TEXT_BYTES {
            let error = self.sandbox.refuse(
                format!(
                    "this page's text comes to more than {} MB once its values are filled in",
                    MAX_TEXT_BYTES / (1024 * 1024)
                ),
                &[],
                "make the page shorter, or loop over shorter lists",
            );
            return Err(std::io::Error::other(error.to_string()));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
