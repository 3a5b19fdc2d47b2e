//! `date-time` and `date`.

use imap_types::datetime::{Date, DateTime, MONTHS, month_from_name};

use crate::{
    decode::{Error, Expected, PResult, Parser, is_digit},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE`
    ///
    /// `date-day-fixed = (SP DIGIT) / 2DIGIT`, `time = 2DIGIT ":" 2DIGIT ":" 2DIGIT`,
    /// `zone = ("+" / "-") 4DIGIT`. The way the day was padded and a `-0000` zone are kept.
    pub(crate) fn date_time(&mut self) -> PResult<DateTime> {
        if let Some(date_time) = self.input[self.pos..]
            .first_chunk()
            .and_then(date_time_fixed)
        {
            self.pos += DATE_TIME_LEN;
            return Ok(date_time);
        }
        self.date_time_bytewise()
    }

    /// [`Parser::date_time`] byte by byte: for input that the fixed layout does not read (an
    /// invalid or a cut date-time), with the exact offset of the failure.
    #[cold]
    #[inline(never)]
    fn date_time_bytewise(&mut self) -> PResult<DateTime> {
        self.expect(b'"', &"DQUOTE")?;
        let day_start = self.pos;
        let (day, zero_padded) = if self.eat(b' ')? {
            (self.fixed_digits(1, &"date-day-fixed")?, false)
        } else {
            let zero_padded = self.peek()? == b'0';
            (self.fixed_digits(2, &"date-day-fixed")?, zero_padded)
        };
        let (year, month) = self.month_and_year(day_start, day)?;
        self.sp()?;
        let hour = self.bounded_digits(23, &"time (hour 00 to 23)")?;
        self.expect(b':', &"\":\"")?;
        let minute = self.bounded_digits(59, &"time (minute 00 to 59)")?;
        self.expect(b':', &"\":\"")?;
        let second = self.bounded_digits(60, &"time (second 00 to 60)")?;
        self.sp()?;
        let negative = match self.peek()? {
            b'+' => false,
            b'-' => true,
            _ => return Err(self.fail(&"zone (\"+\" or \"-\")")),
        };
        self.pos += 1;
        let zone_hours = self.bounded_digits(99, &"zone")?;
        let zone_minutes = self.bounded_digits(59, &"zone (minutes 00 to 59)")?;
        self.expect(b'"', &"DQUOTE")?;
        date_time_value(
            (year, month, day as u8, zero_padded),
            (hour, minute, second),
            (negative, zone_hours, zone_minutes),
        )
        .ok_or(Error::Failed {
            offset: day_start,
            expected: &"valid date-time",
        })
    }

    /// `date = date-text / DQUOTE date-text DQUOTE`
    ///
    /// `date-text = date-day "-" date-month "-" date-year`, `date-day = 1*2DIGIT`. Whether it
    /// was quoted and how many digits the day had are kept.
    pub(crate) fn date(&mut self) -> PResult<Date> {
        let quoted = self.eat(b'"')?;
        let day_start = self.pos;
        let mut day = self.fixed_digits(1, &"date-day")?;
        let two_digit_day = self.next_is(is_digit)?;
        if two_digit_day {
            day = day * 10 + u16::from(self.peek()? - b'0');
            self.pos += 1;
        }
        let (year, month) = self.month_and_year(day_start, day)?;
        if quoted {
            self.expect(b'"', &"DQUOTE")?;
        }
        Date::new(year, month, day as u8)
            .map(|d| d.with_form(quoted, two_digit_day))
            .map_err(|_| Error::Failed {
                offset: day_start,
                expected: &"valid date",
            })
    }

    /// `"-" date-month "-" date-year` after a day read at `day_start`; the calendar is checked
    /// at once, so a day that the month does not have fails at `day_start`.
    fn month_and_year(&mut self, day_start: usize, day: u16) -> PResult<(u16, u8)> {
        self.expect(b'-', &"\"-\"")?;
        let month = self.date_month()?;
        self.expect(b'-', &"\"-\"")?;
        let year = self.fixed_digits(4, &"date-year")?;
        let day = u8::try_from(day).unwrap_or(0);
        if Date::new(year, month, day).is_err() {
            return Err(Error::Failed {
                offset: day_start,
                expected: &"valid date (day of the month)",
            });
        }
        Ok((year, month))
    }

    /// `date-month = "Jan" / "Feb" / ... / "Dec"`, in any case.
    fn date_month(&mut self) -> PResult<u8> {
        let start = self.pos;
        let end = self.input.len().min(start + 3);
        let written = &self.input[start..end];
        if let Some(month) = month_from_name(written) {
            self.pos += 3;
            return Ok(month);
        }
        // Not a month: find the first byte that no month name has there.
        for i in 1..=written.len() {
            let prefix = &written[..i];
            if !MONTHS
                .iter()
                .any(|m| m.as_bytes()[..i].eq_ignore_ascii_case(prefix))
            {
                return Err(Error::Failed {
                    offset: start + i - 1,
                    expected: &"date-month",
                });
            }
        }
        Err(Error::Incomplete)
    }

    /// Exactly `n` (at most 4) digits, as a number.
    fn fixed_digits(&mut self, n: usize, expected: Expected) -> PResult<u16> {
        let mut value = 0u16;
        for _ in 0..n {
            let b = self.peek()?;
            if !is_digit(b) {
                return Err(self.fail(expected));
            }
            value = value * 10 + u16::from(b - b'0');
            self.pos += 1;
        }
        Ok(value)
    }

    /// `2DIGIT` with a value of at most `max`, failing at its first digit otherwise.
    fn bounded_digits(&mut self, max: u8, expected: Expected) -> PResult<u8> {
        let start = self.pos;
        let value = self.fixed_digits(2, expected)?;
        match u8::try_from(value) {
            Ok(v) if v <= max => Ok(v),
            _ => Err(Error::Failed {
                offset: start,
                expected,
            }),
        }
    }
}

/// The length of a `date-time`, quotes included: its layout is fixed.
const DATE_TIME_LEN: usize = 28;

/// A valid `date-time` read from its fixed layout (`"dd-Mon-yyyy hh:mm:ss +zzzz"`, the day
/// padded with a space or a zero), with the checks of [`Parser::date_time_bytewise`]; `None`
/// for anything else, which that reads again to find where it fails.
fn date_time_fixed(b: &[u8; DATE_TIME_LEN]) -> Option<DateTime> {
    let digit = |i: usize| Some(b[i].wrapping_sub(b'0')).filter(|&d| d < 10);
    let two = |i: usize| Some(digit(i)? * 10 + digit(i + 1)?);
    let separators = [
        (0, b'"'),
        (3, b'-'),
        (7, b'-'),
        (12, b' '),
        (15, b':'),
        (18, b':'),
        (21, b' '),
        (27, b'"'),
    ];
    if separators.iter().any(|&(i, c)| b[i] != c) {
        return None;
    }
    let (day, zero_padded) = match b[1] {
        b' ' => (digit(2)?, false),
        first => (two(1)?, first == b'0'),
    };
    let month = month_from_name(&b[4..7])?;
    let year = u16::from(two(8)?) * 100 + u16::from(two(10)?);
    let time = (two(13)?, two(16)?, two(19)?);
    let negative = match b[22] {
        b'+' => false,
        b'-' => true,
        _ => return None,
    };
    let (zone_hours, zone_minutes) = (two(23)?, two(25)?);
    if zone_minutes > 59 {
        return None;
    }
    date_time_value(
        (year, month, day, zero_padded),
        time,
        (negative, zone_hours, zone_minutes),
    )
}

/// The `DateTime` of the fields of a `date-time` (year, month, day and whether the day was
/// zero-padded; hour, minute, second; the zone's sign, hours and minutes), keeping how it was
/// written; `None` for a day or a time that does not exist. Inlined: out of line, it cost the
/// fixed layout's path 43 instructions a call.
#[inline(always)]
fn date_time_value(
    (year, month, day, zero_padded): (u16, u8, u8, bool),
    time: (u8, u8, u8),
    (negative, zone_hours, zone_minutes): (bool, u8, u8),
) -> Option<DateTime> {
    let zone = i16::from(zone_hours) * 60 + i16::from(zone_minutes);
    let zone = if negative { -zone } else { zone };
    let date_time = DateTime::new(year, month, day, time, zone).ok()?;
    Some(
        date_time
            .with_zero_padded_day(zero_padded)
            .with_unknown_zone(negative && zone == 0),
    )
}

/// Writes `n` (below 100) as two digits.
fn two_digits(n: u8, out: &mut Encoder<'_>) {
    out.byte(b'0' + n / 10 % 10);
    out.byte(b'0' + n % 10);
}

/// Writes `"-" date-month "-" date-year`.
fn month_and_year(month: u8, year: u16, out: &mut Encoder<'_>) {
    out.byte(b'-');
    let name = MONTHS
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("Jan");
    out.push(name.as_bytes());
    out.byte(b'-');
    two_digits((year / 100 % 100) as u8, out);
    two_digits((year % 100) as u8, out);
}

impl Encode for DateTime {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.byte(b'"');
        let day = self.day();
        if day >= 10 || self.zero_padded_day() {
            two_digits(day, out);
        } else {
            out.byte(b' ');
            out.byte(b'0' + day);
        }
        month_and_year(self.month(), self.year(), out);
        out.sp();
        let (hour, minute, second) = self.time();
        two_digits(hour, out);
        out.byte(b':');
        two_digits(minute, out);
        out.byte(b':');
        two_digits(second, out);
        out.sp();
        let zone = self.zone_minutes();
        out.byte(if zone < 0 || self.unknown_zone() {
            b'-'
        } else {
            b'+'
        });
        let zone = zone.unsigned_abs();
        two_digits((zone / 60) as u8, out);
        two_digits((zone % 60) as u8, out);
        out.byte(b'"');
    }
}

impl Encode for Date {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        if self.quoted() {
            out.byte(b'"');
        }
        if self.two_digit_day() {
            two_digits(self.day(), out);
        } else {
            out.byte(b'0' + self.day() % 10);
        }
        month_and_year(self.month(), self.year(), out);
        if self.quoted() {
            out.byte(b'"');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tests::{assert_prefixes_incomplete, failed, run};

    #[test]
    fn date_time_rule() {
        // RFC 3501 section 7.4.2: `INTERNALDATE "17-Jul-1996 02:44:25 -0700"`
        let input = b"\"17-Jul-1996 02:44:25 -0700\")";
        let (dt, rest) = run(input, Parser::date_time).unwrap();
        assert_eq!(
            dt,
            DateTime::new(1996, 7, 17, (2, 44, 25), -7 * 60).unwrap()
        );
        assert_eq!(rest, b")");
        assert_eq!(dt.encode_to_vec(), &input[..input.len() - 1]);

        let (dt, _) = run(b"\" 1-feb-2024 23:59:60 +0530\" ", Parser::date_time).unwrap();
        assert_eq!(
            dt,
            DateTime::new(2024, 2, 1, (23, 59, 60), 5 * 60 + 30).unwrap()
        );
        assert!(!dt.zero_padded_day());
        assert_eq!(dt.encode_to_vec(), b"\" 1-Feb-2024 23:59:60 +0530\"");
    }

    #[test]
    fn date_time_round_trips() {
        for input in [
            &b"\"17-Jul-1996 02:44:25 -0700\""[..],
            b"\" 5-Dec-2023 00:00:00 +0000\"",
            b"\"05-Dec-2023 00:00:00 +0000\"",
            b"\"29-Feb-2024 12:34:56 -0000\"",
            b"\"31-Jan-0999 01:02:03 +9959\"",
            b"\"31-Jan-9999 01:02:03 -9959\"",
        ] {
            let mut line = input.to_vec();
            line.push(b' ');
            let (dt, rest) = run(&line, Parser::date_time).unwrap();
            assert_eq!(rest, b" ");
            assert_eq!(dt.encode_to_vec(), input);
        }
        let (dt, _) = run(b"\"05-Dec-2023 00:00:00 -0000\"", Parser::date_time).unwrap();
        assert!(dt.zero_padded_day() && dt.unknown_zone());
    }

    #[test]
    fn date_time_incomplete_and_malformed() {
        let full = b"\"17-Jul-1996 02:44:25 -0700\"";
        assert_prefixes_incomplete(full, Parser::date_time);
        let bad = |s: &'static [u8]| run(s, Parser::date_time);
        assert_eq!(bad(b"17-Jul"), Err(failed(0, "DQUOTE")));
        assert_eq!(
            bad(b"\"7-Jul-1996 02:44:25 -0700\""),
            Err(failed(2, "date-day-fixed"))
        );
        assert_eq!(
            bad(b"\"  7-Jul-1996 02:44:25 -0700\""),
            Err(failed(2, "date-day-fixed"))
        );
        assert_eq!(bad(b"\"17-Jux"), Err(failed(6, "date-month")));
        assert_eq!(bad(b"\"17-X"), Err(failed(4, "date-month")));
        assert_eq!(bad(b"\"17-Jul-96 "), Err(failed(10, "date-year")));
        assert_eq!(
            bad(b"\"30-Feb-1996 02:44:25 -0700\""),
            Err(failed(1, "valid date (day of the month)"))
        );
        assert_eq!(
            bad(b"\"00-Feb-1996 02:44:25 -0700\""),
            Err(failed(1, "valid date (day of the month)"))
        );
        assert_eq!(
            bad(b"\"17-Jul-1996 24:44:25 -0700\""),
            Err(failed(13, "time (hour 00 to 23)"))
        );
        assert_eq!(
            bad(b"\"17-Jul-1996 02:60:25 -0700\""),
            Err(failed(16, "time (minute 00 to 59)"))
        );
        assert_eq!(
            bad(b"\"17-Jul-1996 02:44:61 -0700\""),
            Err(failed(19, "time (second 00 to 60)"))
        );
        assert_eq!(
            bad(b"\"17-Jul-1996 02:44:25 0700\""),
            Err(failed(22, "zone (\"+\" or \"-\")"))
        );
        assert_eq!(
            bad(b"\"17-Jul-1996 02:44:25 -0760\""),
            Err(failed(25, "zone (minutes 00 to 59)"))
        );
        assert_eq!(
            bad(b"\"17-Jul-1996 02:44:25 -07000\""),
            Err(failed(27, "DQUOTE"))
        );
    }

    #[test]
    fn date_time_fixed_layout_agrees_with_the_bytewise_rule() {
        // Every byte of each date-time replaced by every byte value: the fixed layout must
        // give what the byte-by-byte rule gives (value, bytes read, error and offset).
        for valid in [
            &b"\"17-Jul-1996 02:44:25 -0700\" "[..],
            b"\" 1-Feb-2024 23:59:60 +0530\" ",
            b"\"05-Dec-2023 00:00:00 -0000\" ",
            b"\"29-Feb-2024 12:34:56 +9959\" ",
        ] {
            for at in 0..DATE_TIME_LEN {
                for byte in 0..=255 {
                    let mut input = valid.to_vec();
                    input[at] = byte;
                    assert_eq!(
                        run(&input, Parser::date_time),
                        run(&input, Parser::date_time_bytewise),
                        "{:?}",
                        alloc::string::String::from_utf8_lossy(&input)
                    );
                }
            }
        }
    }

    #[test]
    fn date_rule() {
        // RFC 3501 section 6.4.4: `SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"`
        let (date, rest) = run(b"1-Feb-1994 NOT", Parser::date).unwrap();
        assert_eq!(date, Date::new(1994, 2, 1).unwrap());
        assert_eq!(rest, b" NOT");
        assert_eq!(date.encode_to_vec(), b"1-Feb-1994");
        for input in [
            &b"01-Feb-1994"[..],
            b"\"1-Feb-1994\"",
            b"\"01-Feb-1994\"",
            b"31-Dec-2000",
            b"29-Feb-2000",
        ] {
            let mut line = input.to_vec();
            line.push(b')');
            let (date, rest) = run(&line, Parser::date).unwrap();
            assert_eq!(rest, b")");
            assert_eq!(date.encode_to_vec(), input);
        }
        let (date, _) = run(b"\"09-mAY-2001\" ", Parser::date).unwrap();
        assert!(date.quoted() && date.two_digit_day());
        assert_eq!(date.encode_to_vec(), b"\"09-May-2001\"");

        assert_eq!(run(b"1", Parser::date), Err(Error::Incomplete));
        assert_eq!(run(b"1-Fe", Parser::date), Err(Error::Incomplete));
        assert_eq!(run(b"1-Feb-199", Parser::date), Err(Error::Incomplete));
        assert_eq!(run(b"\"1-Feb-1994", Parser::date), Err(Error::Incomplete));
        assert_eq!(run(b"x", Parser::date), Err(failed(0, "date-day")));
        assert_eq!(run(b"123-Feb-1994 ", Parser::date), Err(failed(2, "\"-\"")));
        assert_eq!(
            run(b"29-Feb-1900 ", Parser::date),
            Err(failed(0, "valid date (day of the month)"))
        );
        assert_eq!(
            run(b"\"1-Feb-1994 ", Parser::date),
            Err(failed(11, "DQUOTE"))
        );
    }
}
