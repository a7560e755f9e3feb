//! What a page's body may reach while Tera expands it, and how much work it
//! may do. Bodies are untrusted when CI builds a pull request, so:
//!
//! - the engine has no function that reads the build machine: `get_env`
//!   and `now` are there only to say why not (the same files always build
//!   the same site);
//! - `range` is bounded, per call and per page;
//! - every `{% for %}` round counts against a per page budget, and a page
//!   may run for a few seconds at most, since loops inside loops multiply;
//! - the text a page writes, and every value it keeps with `{% set %}`,
//!   is bounded in size (and lists in depth), as are the filters that can
//!   make far more than they are given ([`super::filters`]).
//!
//! Tera 2 checks arithmetic itself: a division by zero, or a number too
//! large, is an error. The counters are reached through calls that
//! [`super::prepare`] writes into the body; they keep the page's budget in
//! a [`Budget`] that [`Watch`] opens for each page on its thread, since
//! the engine and its functions are made once for the whole build.

use std::cell::RefCell;
use std::time::{Duration, Instant};
use tera::{Kwargs, State, Value};

/// The most numbers one `range` may give.
pub(super) const MAX_RANGE_ITEMS: usize = 10_000;
/// The most numbers all the `range` calls of one page may give together.
pub(super) const MAX_RANGE_ITEMS_PER_PAGE: usize = 100_000;
/// The most rounds all the `{% for %}` loops of one page may make together.
pub(super) const MAX_LOOP_ROUNDS: usize = 100_000;
/// The most bytes of text a page may write (and of any value it keeps).
pub(super) const MAX_TEXT_BYTES: usize = 10 * 1024 * 1024;
/// About the most items (counting those of lists inside lists) a list kept
/// by a page may hold.
pub(super) const MAX_LIST_ITEMS: usize = 100_000;
/// How deep lists may be put inside lists.
pub(super) const MAX_LIST_DEPTH: usize = 32;
/// The memory one value in a list is counted as: lists are bounded to
/// [`MAX_TEXT_BYTES`] of memory, text and items together.
pub(super) const ITEM_BYTES: usize = MAX_TEXT_BYTES / MAX_LIST_ITEMS;
/// What a number, `true` or `false` counts as in [`weight`]: about what it
/// takes to write one.
const SCALAR_BYTES: usize = 24;
/// The most time one page's template may run.
pub(super) const MAX_RUN_TIME: Duration = Duration::from_secs(10);

/// The function [`super::prepare`] calls on each loop round; the
/// `__signpost_` prefix keeps the counters apart from Tera's names.
pub(super) const ROUND: &str = "__signpost_round";
/// The filter every written value goes through.
pub(super) const MADE: &str = "__signpost_made";
/// The filter every kept value goes through.
pub(super) const KEPT: &str = "__signpost_kept";
/// The filter a name joined with `~` goes through.
pub(super) const DEFINED: &str = "__signpost_defined";

/// Why the sandbox stopped a page, in words for its author.
#[derive(Clone, Debug)]
pub(super) struct Refusal {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// The argument of the call to place the problem at (`end`), rather
    /// than the call.
    pub argument: Option<&'static str>,
}

/// What one page has used so far, and the first refusal.
struct Budget {
    started: Instant,
    written_bytes: usize,
    range_items: usize,
    loop_rounds: usize,
    refusal: Option<Refusal>,
}

thread_local! {
    /// The budget of the page being expanded on this thread.
    static BUDGET: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// The budget of one page, open while the page expands on this thread.
pub(super) struct Watch(());

impl Watch {
    /// Opens a full budget for a page, whose clock starts now.
    pub(super) fn start() -> Watch {
        BUDGET.with(|budget| {
            *budget.borrow_mut() = Some(Budget {
                started: Instant::now(),
                written_bytes: 0,
                range_items: 0,
                loop_rounds: 0,
                refusal: None,
            });
        });
        Watch(())
    }

    /// The first refusal, if the sandbox stopped the page.
    pub(super) fn refusal(&self) -> Option<Refusal> {
        BUDGET.with(|budget| budget.borrow().as_ref()?.refusal.clone())
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        BUDGET.with(|budget| budget.borrow_mut().take());
    }
}

/// Runs `work` on the open budget, recording its refusal. Outside a
/// [`Watch`] (a template that is not a page's body) there is nothing to
/// count.
fn with_budget(work: impl FnOnce(&mut Budget) -> Result<(), Refusal>) -> tera::TeraResult<()> {
    let outcome = BUDGET.with(|budget| match budget.borrow_mut().as_mut() {
        Some(budget) => work(budget),
        None => Ok(()),
    });
    outcome.map_err(record)
}

/// Records a refusal (keeping the first) and returns it as Tera's error.
pub(super) fn record(refusal: Refusal) -> tera::Error {
    let message = refusal.message.clone();
    BUDGET.with(|budget| {
        if let Some(budget) = budget.borrow_mut().as_mut() {
            budget.refusal.get_or_insert(refusal);
        }
    });
    tera::Error::message(message)
}

/// Records a refusal and returns it as Tera's error.
fn refuse(message: String, hint: &str) -> tera::Error {
    record(Refusal::new(message, hint))
}

impl Refusal {
    /// A refusal with its words.
    fn new(message: String, hint: &str) -> Refusal {
        Refusal {
            message,
            hint: hint.to_string(),
            argument: None,
        }
    }

    /// The same refusal, placed at the call's `argument`.
    fn at_argument(self, argument: &'static str) -> Refusal {
        Refusal {
            argument: Some(argument),
            ..self
        }
    }
}

/// Adds the sandbox's functions and filters to the engine of page bodies.
pub(super) fn install(tera: &mut tera::Tera) {
    tera.register_function(
        "get_env",
        |_: Kwargs, _: &State| -> tera::TeraResult<Value> {
            Err(refuse(
                "a page cannot read the build machine's environment".to_string(),
                "put the value in site.yaml's `params` and write {{ params.NAME }}",
            ))
        },
    );
    tera.register_function("now", |_: Kwargs, _: &State| -> tera::TeraResult<Value> {
        Err(refuse(
            "a page cannot read the clock: the same files always build the same site".to_string(),
            "write the date in the page, or put it in site.yaml's `params` and write {{ params.NAME }}",
        ))
    });
    tera.register_function("range", range);
    tera.register_function(ROUND, loop_round);
    tera.register_filter(MADE, made);
    tera.register_filter(KEPT, kept);
    tera.register_filter(DEFINED, defined);
}

/// Passes on a value that exists; for one that does not, an error that
/// Tera places at the value's name.
fn defined(value: Value, _: Kwargs, _: &State) -> tera::TeraResult<Value> {
    if value.is_undefined() {
        return Err(tera::Error::new(tera::ErrorKind::InvalidArgument {
            expected_type: "a value".to_string(),
            actual_type: "undefined".to_string(),
        }));
    }
    Ok(value)
}

/// `range(end=…)`, `range(start=…, end=…, step_by=…)`: Tera's, with
/// bounds checked before any number is made.
fn range(args: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let hint = "`range` takes whole numbers: range(end=5) gives 0 to 4, range(start=1, end=6) gives 1 to 5";
    let refuse_here =
        |message: String, hint: &str| record(Refusal::new(message, hint).at_argument("end"));
    let whole = |key: &str, default: Option<u64>| match args.get::<Value>(key)? {
        None => default.ok_or_else(|| refuse("`range` needs an `end`".to_string(), hint)),
        Some(value) => value.as_u64().ok_or_else(|| {
            refuse_here(
                format!("`{key}` in `range` must be a whole number of 0 or more, not {value}"),
                hint,
            )
        }),
    };
    let start = whole("start", Some(0))?;
    let end = whole("end", None)?;
    let step = whole("step_by", Some(1))?;
    if step == 0 {
        return Err(refuse_here(
            "`step_by` in `range` cannot be 0".to_string(),
            hint,
        ));
    }
    if start > end {
        return Err(refuse_here(
            format!("`range` starts at {start}, after its end {end}"),
            hint,
        ));
    }
    let count = (end - start).div_ceil(step);
    if count > MAX_RANGE_ITEMS as u64 {
        return Err(refuse_here(
            format!(
                "`range` here would give {count} numbers; it may give at most {MAX_RANGE_ITEMS}"
            ),
            "use a smaller range",
        ));
    }
    with_budget(|budget| {
        budget.range_items += count as usize;
        if budget.range_items > MAX_RANGE_ITEMS_PER_PAGE {
            return Err(Refusal::new(
                format!("the `range` calls of this page give more than {MAX_RANGE_ITEMS_PER_PAGE} numbers in all"),
                "use smaller ranges, or fewer of them",
            )
            .at_argument("end"));
        }
        Ok(())
    })?;
    let numbers: Vec<Value> = (start..end)
        .step_by(step as usize)
        .map(Value::from)
        .collect();
    Ok(Value::from(numbers))
}

/// Counts one round of a `{% for %}` loop, and the `text` bytes its body
/// writes again, against the page's budget.
fn loop_round(args: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let text = args.get::<u64>("text")?.unwrap_or(0) as usize;
    with_budget(|budget| {
        budget.loop_rounds += 1;
        if budget.loop_rounds > MAX_LOOP_ROUNDS {
            return Err(Refusal::new(
                format!("the `{{% for %}}` loops of this page go round more than {MAX_LOOP_ROUNDS} times in all"),
                "loop over shorter lists; a loop inside a loop goes round the product of their lengths",
            ));
        }
        budget.write(text)?;
        budget.check_time()
    })?;
    Ok(Value::from(""))
}

/// Counts a value the page writes against its budget, and passes it on;
/// a whole number kept as a float (`2.0`) is written `2`, as version 1 of
/// the content format wrote it.
fn made(value: Value, args: Kwargs, state: &State) -> tera::TeraResult<Value> {
    let value = defined(value, args, state)?;
    if value.as_f64().is_some_and(|number| !number.is_finite()) {
        return Err(refuse(
            "a number here is too large to work with".to_string(),
            "use smaller numbers; a number to show as it is can be written outside `{{ }}`",
        ));
    }
    let bytes = weight(&value, MAX_TEXT_BYTES);
    with_budget(|budget| {
        budget.write(bytes)?;
        budget.check_time()
    })?;
    Ok(whole_number(&value).unwrap_or(value))
}

/// A float with no fraction, as a whole number.
fn whole_number(value: &Value) -> Option<Value> {
    if !value.is_f64() {
        return None;
    }
    let float = value.as_f64()?;
    let exact = float.fract() == 0.0 && float.abs() < 2f64.powi(53);
    exact.then(|| Value::from(float as i64))
}

/// Checks a value the page keeps with `{% set %}`: no larger than a page
/// may write, and lists no deeper than [`MAX_LIST_DEPTH`].
fn kept(value: Value, _: Kwargs, _: &State) -> tera::TeraResult<Value> {
    if depth_over(&value, MAX_LIST_DEPTH) {
        return Err(refuse(
            format!("lists here are put inside one another more than {MAX_LIST_DEPTH} deep"),
            "keep lists flat",
        ));
    }
    if weight(&value, MAX_TEXT_BYTES) > MAX_TEXT_BYTES {
        return Err(record(if value.is_array() || value.is_map() {
            too_many_items("`{% set %}` here keeps")
        } else {
            too_big("`{% set %}` here keeps")
        }));
    }
    with_budget(Budget::check_time)?;
    Ok(value)
}

impl Budget {
    /// Counts `bytes` of text written.
    fn write(&mut self, bytes: usize) -> Result<(), Refusal> {
        self.written_bytes = self.written_bytes.saturating_add(bytes);
        if self.written_bytes > MAX_TEXT_BYTES {
            return Err(Refusal::new(
                format!(
                    "this page's text comes to more than {} MB once its values are filled in",
                    MAX_TEXT_BYTES / (1024 * 1024)
                ),
                "a page's text, and any text it makes, must stay under that size",
            ));
        }
        Ok(())
    }

    /// Stops a page whose template has run too long.
    fn check_time(&mut self) -> Result<(), Refusal> {
        if self.started.elapsed() <= MAX_RUN_TIME {
            return Ok(());
        }
        Err(Refusal::new(
            format!(
                "this page's template ran for more than {} seconds",
                MAX_RUN_TIME.as_secs()
            ),
            "loop over shorter lists, and make less text in each round",
        ))
    }
}

/// The error for text grown past [`MAX_TEXT_BYTES`] by `what` (which
/// ends in its verb: "the filter `replace` here makes").
pub(super) fn too_big(what: &str) -> Refusal {
    Refusal::new(
        format!(
            "{what} more than {} MB of text",
            MAX_TEXT_BYTES / (1024 * 1024)
        ),
        "a page's text, and any text it makes, must stay under that size",
    )
}

/// The error for a list grown past [`MAX_TEXT_BYTES`] by `what` (which
/// ends in its verb).
pub(super) fn too_many_items(what: &str) -> Refusal {
    Refusal::new(
        format!("{what} a list of more than about {MAX_LIST_ITEMS} items"),
        "loop over the items of a shorter list instead",
    )
}

/// Roughly the bytes `value` takes: its text, and [`ITEM_BYTES`] for each
/// value in it. Stops counting once past `limit`.
pub(super) fn weight(value: &Value, limit: usize) -> usize {
    fn add(value: &Value, total: &mut usize, limit: usize) {
        if *total > limit {
            return;
        }
        if let Some(text) = value.as_str() {
            *total += text.len();
        } else if let Some(items) = value.as_array() {
            *total += ITEM_BYTES;
            for item in items {
                add(item, total, limit);
            }
        } else if let Some(map) = value.as_map() {
            *total += ITEM_BYTES;
            for (key, item) in map {
                *total += ITEM_BYTES + key.as_str().map_or(0, str::len);
                add(item, total, limit);
            }
        } else {
            *total += SCALAR_BYTES;
        }
    }
    let mut total = 0;
    add(value, &mut total, limit);
    total
}

/// Whether lists or maps in `value` go deeper than `limit`.
fn depth_over(value: &Value, limit: usize) -> bool {
    if limit == 0 {
        return value.is_array() || value.is_map();
    }
    if let Some(items) = value.as_array() {
        return items.iter().any(|item| depth_over(item, limit - 1));
    }
    if let Some(map) = value.as_map() {
        return map.values().any(|item| depth_over(item, limit - 1));
    }
    false
}
