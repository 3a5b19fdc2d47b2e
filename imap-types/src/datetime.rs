//! Dates and times: `date-time` (INTERNALDATE, APPEND) and `date` (SEARCH), validated here
//! without a calendar library.

use crate::core::{IntoStatic, ValidationError};

/// Names of the months as IMAP writes them (`date-month`).
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The month (1 to 12) for a `date-month` name, in any case.
pub fn month_from_name(name: &[u8]) -> Option<u8> {
    // `| 0x20` lower-cases a letter and turns no other byte into one.
    const fn folded(name: &[u8]) -> u32 {
        u32::from_le_bytes([name[0] | 0x20, name[1] | 0x20, name[2] | 0x20, 0])
    }
    const FOLDED: [u32; 12] = {
        let mut folded_months = [0; 12];
        let mut i = 0;
        while i < 12 {
            folded_months[i] = folded(MONTHS[i].as_bytes());
            i += 1;
        }
        folded_months
    };
    let name: &[u8; 3] = name.try_into().ok()?;
    let key = folded(name);
    FOLDED.iter().position(|&m| m == key).map(|i| i as u8 + 1)
}

fn check_date(year: u16, month: u8, day: u8) -> Result<(), ValidationError> {
    if year > 9999 || !(1..=12).contains(&month) {
        return Err(ValidationError::OutOfRange);
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(ValidationError::OutOfRange);
    }
    Ok(())
}

/// `date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE`
///
/// ```
/// # use imap_types::datetime::DateTime;
/// let dt = DateTime::new(1996, 7, 17, (2, 44, 25), -7 * 60).unwrap();
/// assert_eq!(dt.month(), 7);
/// assert!(DateTime::new(2023, 2, 29, (0, 0, 0), 0).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    zone_minutes: i16,
    zero_padded_day: bool,
    unknown_zone: bool,
}

impl DateTime {
    /// Checks the date, the time (`hh`, `mm`, `ss`) and the zone (minutes east of UTC, within
    /// ±99:59) and builds the value, written with a space-padded day (`date-day-fixed`).
    pub fn new(
        year: u16,
        month: u8,
        day: u8,
        (hour, minute, second): (u8, u8, u8),
        zone_minutes: i16,
    ) -> Result<Self, ValidationError> {
        check_date(year, month, day)?;
        if hour > 23 || minute > 59 || second > 60 {
            return Err(ValidationError::OutOfRange);
        }
        if zone_minutes.unsigned_abs() / 60 > 99 {
            return Err(ValidationError::OutOfRange);
        }
        Ok(Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
            zone_minutes,
            zero_padded_day: false,
            unknown_zone: false,
        })
    }

    /// The same value with a day below 10 written `"0d"` instead of `" d"`.
    pub fn with_zero_padded_day(mut self, zero_padded: bool) -> Self {
        self.zero_padded_day = zero_padded;
        self
    }

    /// The same value with a zone of zero minutes written `-0000` (RFC 5322: the local zone is
    /// unknown) instead of `+0000`; ignored for any other zone.
    pub fn with_unknown_zone(mut self, unknown: bool) -> Self {
        self.unknown_zone = unknown && self.zone_minutes == 0;
        self
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }
    /// The hour, minute and second.
    pub fn time(&self) -> (u8, u8, u8) {
        (self.hour, self.minute, self.second)
    }
    /// The zone, in minutes east of UTC.
    pub fn zone_minutes(&self) -> i16 {
        self.zone_minutes
    }
    /// Whether a day below 10 is written with a leading zero.
    pub fn zero_padded_day(&self) -> bool {
        self.zero_padded_day
    }
    /// Whether the zone is written `-0000` (unknown local zone).
    pub fn unknown_zone(&self) -> bool {
        self.unknown_zone
    }
}

impl IntoStatic for DateTime {
    type Static = DateTime;
    fn into_static(self) -> Self::Static {
        self
    }
}

/// `date = date-text / DQUOTE date-text DQUOTE`, `date-text = date-day "-" date-month "-"
/// date-year`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
    quoted: bool,
    two_digit_day: bool,
}

impl Date {
    /// Checks and builds a date, written unquoted with the day in as few digits as possible.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, ValidationError> {
        check_date(year, month, day)?;
        Ok(Self {
            year,
            month,
            day,
            quoted: false,
            two_digit_day: day >= 10,
        })
    }

    /// The same date, written in quotes or not, and with a day below 10 as `0d` or `d`.
    pub fn with_form(mut self, quoted: bool, two_digit_day: bool) -> Self {
        self.quoted = quoted;
        self.two_digit_day = two_digit_day || self.day >= 10;
        self
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }
    /// Whether the date is written in quotes.
    pub fn quoted(&self) -> bool {
        self.quoted
    }
    /// Whether the day is written with two digits.
    pub fn two_digit_day(&self) -> bool {
        self.two_digit_day
    }
}

impl IntoStatic for Date {
    type Static = Date;
    fn into_static(self) -> Self::Static {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_calendar() {
        assert!(Date::new(2024, 2, 29).is_ok());
        assert_eq!(Date::new(2023, 2, 29), Err(ValidationError::OutOfRange));
        assert_eq!(Date::new(2000, 13, 1), Err(ValidationError::OutOfRange));
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(DateTime::new(2024, 1, 1, (24, 0, 0), 0).is_err());
        assert!(DateTime::new(2024, 1, 1, (23, 59, 60), -(99 * 60 + 59)).is_ok());
        assert_eq!(month_from_name(b"jUL"), Some(7));
        assert_eq!(month_from_name(b"Jux"), None);
        assert_eq!(month_from_name(b"J@N"), None);
        assert_eq!(month_from_name(b"Janu"), None);
        for (i, name) in MONTHS.iter().enumerate() {
            let upper = name.to_ascii_uppercase();
            assert_eq!(month_from_name(name.as_bytes()), Some(i as u8 + 1));
            assert_eq!(month_from_name(upper.as_bytes()), Some(i as u8 + 1));
        }
    }
}
