//! The arithmetic of the sample data files: numbers, names, + − × / and parentheses, and the
//! functions range(a, b) (a whole number drawn from a to b), floor, round, max and min.
//!
//! Everything is computed in f64, left to right, and each range() draws from the generator when it is
//! evaluated: the same file and seed always give the same figures.

use crate::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Func {
    Range,
    Floor,
    Round,
    Max,
    Min,
}

impl Func {
    fn of(name: &str) -> Option<(Func, usize)> {
        Some(match name {
            "range" => (Func::Range, 2),
            "floor" => (Func::Floor, 1),
            "round" => (Func::Round, 1),
            "max" => (Func::Max, 2),
            "min" => (Func::Min, 2),
            _ => return None,
        })
    }
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Var(String),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

impl Expr {
    /// Parse; the error says what is wrong and where.
    pub fn parse(text: &str) -> Result<Expr, String> {
        let mut p = Parser {
            text,
            toks: tokens(text)?,
            at: 0,
        };
        let e = p.sum()?;
        match p.toks.get(p.at) {
            None => Ok(e),
            Some(t) => Err(format!("“{text}”: thừa “{t}”")),
        }
    }

    /// Names the expression reads.
    pub fn vars(&self) -> Vec<&str> {
        match self {
            Expr::Num(_) => Vec::new(),
            Expr::Var(v) => vec![v.as_str()],
            Expr::Neg(e) => e.vars(),
            Expr::Bin(_, a, b) => a.vars().into_iter().chain(b.vars()).collect(),
            Expr::Call(_, args) => args.iter().flat_map(Expr::vars).collect(),
        }
    }

    /// The value; `var` gives each name's value (0 when it has none).
    pub fn eval(&self, var: &dyn Fn(&str) -> Option<f64>, rng: &mut Rng) -> f64 {
        match self {
            Expr::Num(n) => *n,
            Expr::Var(v) => var(v).unwrap_or(0.0),
            Expr::Neg(e) => -e.eval(var, rng),
            Expr::Bin(op, a, b) => {
                let a = a.eval(var, rng);
                let b = b.eval(var, rng);
                match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div => a / b,
                }
            }
            Expr::Call(f, args) => {
                let mut v = args.iter().map(|a| a.eval(var, rng)).collect::<Vec<_>>();
                v.resize(2, 0.0);
                match f {
                    Func::Range => {
                        let (lo, hi) = (v[0].max(0.0) as u64, v[1].max(0.0) as u64);
                        rng.range(lo, hi.max(lo)) as f64
                    }
                    Func::Floor => v[0].floor(),
                    Func::Round => v[0].round(),
                    Func::Max => v[0].max(v[1]),
                    Func::Min => v[0].min(v[1]),
                }
            }
        }
    }
}

fn tokens(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            let mut t = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                    t.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(t);
        } else if "+-*/(),".contains(c) {
            out.push(c.to_string());
            chars.next();
        } else {
            return Err(format!("“{text}”: ký tự không dùng được “{c}”"));
        }
    }
    Ok(out)
}

struct Parser<'a> {
    text: &'a str,
    toks: Vec<String>,
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.at).map(String::as_str)
    }

    fn next(&mut self) -> Result<String, String> {
        let t = self
            .toks
            .get(self.at)
            .cloned()
            .ok_or_else(|| format!("“{}”: biểu thức chưa hết", self.text))?;
        self.at += 1;
        Ok(t)
    }

    fn expect(&mut self, want: &str) -> Result<(), String> {
        match self.next()? {
            t if t == want => Ok(()),
            t => Err(format!("“{}”: cần “{want}”, gặp “{t}”", self.text)),
        }
    }

    fn sum(&mut self) -> Result<Expr, String> {
        let mut e = self.product()?;
        while let Some(op) = self.peek().and_then(|t| match t {
            "+" => Some(Op::Add),
            "-" => Some(Op::Sub),
            _ => None,
        }) {
            self.at += 1;
            e = Expr::Bin(op, Box::new(e), Box::new(self.product()?));
        }
        Ok(e)
    }

    fn product(&mut self) -> Result<Expr, String> {
        let mut e = self.unary()?;
        while let Some(op) = self.peek().and_then(|t| match t {
            "*" => Some(Op::Mul),
            "/" => Some(Op::Div),
            _ => None,
        }) {
            self.at += 1;
            e = Expr::Bin(op, Box::new(e), Box::new(self.unary()?));
        }
        Ok(e)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.peek() == Some("-") {
            self.at += 1;
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        let t = self.next()?;
        if t == "(" {
            let e = self.sum()?;
            self.expect(")")?;
            return Ok(e);
        }
        if let Ok(n) = t.parse::<f64>() {
            return Ok(Expr::Num(n));
        }
        if !t.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Err(format!("“{}”: không hiểu “{t}”", self.text));
        }
        if self.peek() != Some("(") {
            return Ok(Expr::Var(t));
        }
        let Some((f, arity)) = Func::of(&t) else {
            return Err(format!(
                "“{}”: không có hàm “{t}” (dùng range, floor, round, max, min)",
                self.text
            ));
        };
        self.at += 1;
        let mut args = vec![self.sum()?];
        while self.peek() == Some(",") {
            self.at += 1;
            args.push(self.sum()?);
        }
        self.expect(")")?;
        if args.len() != arity {
            return Err(format!("“{}”: hàm {t} cần {arity} đối số", self.text));
        }
        Ok(Expr::Call(f, args))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(text: &str, seed: u64) -> f64 {
        let vars = |k: &str| (k == "n").then_some(7.0);
        Expr::parse(text)
            .expect("parses")
            .eval(&vars, &mut Rng::new(seed))
    }

    #[test]
    fn arithmetic_follows_the_usual_precedence() {
        assert_eq!(eval("1 + 2 * 3", 0), 7.0);
        assert_eq!(eval("(1 + 2) * 3", 0), 9.0);
        assert_eq!(eval("-n + 10 / 4", 0), -4.5);
        assert_eq!(
            eval("floor(n / 2) + round(2.5) + max(n, 9) - min(1, -1)", 0),
            3.0 + 3.0 + 9.0 + 1.0
        );
        assert_eq!(eval("missing * 3 + 1", 0), 1.0);
    }

    #[test]
    fn range_draws_as_the_generator_does_left_to_right() {
        let mut r = Rng::new(42);
        let a = r.range(1, 6) as f64;
        let b = r.range(10, 20) as f64;
        assert_eq!(eval("range(1, 6) * 100 + range(10, 20)", 42), a * 100.0 + b);
    }

    #[test]
    fn mistakes_are_refused() {
        for bad in ["1 +", "range(1)", "foo(1, 2)", "2 $ 3", "(1 + 2", "1 2"] {
            assert!(Expr::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Expr::parse("a * range(b, 3)").expect("ok").vars(),
            ["a", "b"]
        );
    }
}
