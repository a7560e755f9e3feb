//! Arithmetic in a page's tags, as Tera 1 does it, but with an error where
//! Tera would publish `NaN`, print its syntax tree, or panic: a division by
//! zero, or a result too large to write.

use tera::Number;

/// Why a sum has no answer.
#[derive(Debug, PartialEq)]
pub(super) enum NoAnswer {
    /// `/` or `%` by zero.
    DivisionByZero,
    /// The answer is beyond the numbers a page can hold.
    TooLarge,
}

/// `a OPERATOR b`, for the operator written as `+`, `-`, `*`, `/` or `%`.
/// Whole numbers stay whole where they fit; a quotient is whole when it
/// comes out whole, as in Tera.
pub(super) fn calculate(operator: &str, a: &Number, b: &Number) -> Result<Number, NoAnswer> {
    if matches!(operator, "/" | "%") && b.as_f64() == Some(0.0) {
        return Err(NoAnswer::DivisionByZero);
    }
    let answer = match operator {
        "/" => quotient(as_f64(a) / as_f64(b)),
        _ => whole(operator, a, b).unwrap_or_else(|| {
            let (x, y) = (as_f64(a), as_f64(b));
            Number::from_f64(match operator {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                _ => x % y,
            })
        }),
    };
    answer.ok_or(NoAnswer::TooLarge)
}

/// `a OPERATOR b` when both are whole numbers of one kind (signed, or too
/// large for signed): `Some(None)` when the answer does not fit, `None`
/// when they are not both whole.
fn whole(operator: &str, a: &Number, b: &Number) -> Option<Option<Number>> {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        let answer = match operator {
            "+" => x.checked_add(y),
            "-" => x.checked_sub(y),
            "*" => x.checked_mul(y),
            _ => x.checked_rem(y),
        };
        return Some(answer.map(Number::from));
    }
    let (x, y) = (a.as_u64()?, b.as_u64()?);
    let answer = match operator {
        "+" => x.checked_add(y),
        "-" => x.checked_sub(y),
        "*" => x.checked_mul(y),
        _ => x.checked_rem(y),
    };
    Some(answer.map(Number::from))
}

/// A number as `f64`; every JSON number has one.
fn as_f64(number: &Number) -> f64 {
    number.as_f64().unwrap_or(f64::NAN)
}

/// A quotient as Tera writes it: whole when it is whole, `None` when it is
/// not a finite number.
fn quotient(value: f64) -> Option<Number> {
    if value.fract() == 0.0 && value.abs() < i64::MAX as f64 {
        return Some(Number::from(value as i64));
    }
    Number::from_f64(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(
        a: impl Into<serde_json::Value>,
        operator: &str,
        b: impl Into<serde_json::Value>,
    ) -> String {
        let (a, b) = (a.into(), b.into());
        match calculate(operator, a.as_number().unwrap(), b.as_number().unwrap()) {
            Ok(answer) => answer.to_string(),
            Err(no) => format!("{no:?}"),
        }
    }

    #[test]
    fn answers_are_written_as_tera_writes_them() {
        assert_eq!(sum(7, "/", 2), "3.5");
        assert_eq!(sum(6, "/", 3), "2");
        assert_eq!(sum(7, "%", 3), "1");
        assert_eq!(sum(-7, "%", 3), "-1");
        assert_eq!(sum(7.5, "%", 2), "1.5");
        assert_eq!(sum(1.5, "+", 1.5), "3.0");
        assert_eq!(sum(2, "*", 3), "6");
    }

    #[test]
    fn no_answer_is_an_error_not_nan_or_inf() {
        assert_eq!(sum(1, "/", 0), "DivisionByZero");
        assert_eq!(sum(5, "%", 0.0), "DivisionByZero");
        assert_eq!(sum(i64::MAX, "+", 1), "TooLarge");
        assert_eq!(sum(u64::MAX, "*", 2u64), "TooLarge");
        assert_eq!(sum(1e308, "*", 10.0), "TooLarge");
        assert_eq!(sum(1e308, "+", 1e308), "TooLarge");
        assert_eq!(sum(1e308, "/", 1e-10), "TooLarge");
    }
}
