//! `date-time` and `date`.

// STUB: rule bodies and encoders to be written (owned by the helper of this area).

use imap_types::datetime::{Date, DateTime};

use crate::{
    decode::{PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE`
    pub(crate) fn date_time(&mut self) -> PResult<DateTime> {
        Err(self.fail("date_time (not yet implemented)"))
    }

    /// `date = date-text / DQUOTE date-text DQUOTE`
    pub(crate) fn date(&mut self) -> PResult<Date> {
        Err(self.fail("date (not yet implemented)"))
    }
}

impl Encode for DateTime {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for Date {
    fn encode(&self, _out: &mut Encoder) {}
}
