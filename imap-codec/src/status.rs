//! STATUS attributes and their values.

use imap_types::status::{StatusDataItem, StatusDataItemName};

use crate::{
    decode::{Error, PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `status-att = "MESSAGES" / "RECENT" / "UIDNEXT" / "UIDVALIDITY" / "UNSEEN" /
    /// "DELETED" / "SIZE" / "HIGHESTMODSEQ"` (RFC 3501, RFC 9051, RFC 8438, RFC 7162), in any
    /// case.
    pub(crate) fn status_att(&mut self) -> PResult<StatusDataItemName> {
        let start = self.pos;
        let name = self.keyword_token()?;
        StatusDataItemName::from_name(name).ok_or(Error::Failed {
            offset: start,
            expected: &"status-att",
        })
    }

    /// `status-att-val = ("MESSAGES" SP number) / ("UIDNEXT" SP nz-number) /
    /// ("UIDVALIDITY" SP nz-number) / ("UNSEEN" SP number) / ("DELETED" SP number) /
    /// ("SIZE" SP number64)`, plus `"RECENT" SP number` (RFC 3501) and
    /// `"HIGHESTMODSEQ" SP mod-sequence-valzer` (RFC 7162)
    pub(crate) fn status_att_val(&mut self) -> PResult<StatusDataItem> {
        let name = self.status_att()?;
        self.sp()?;
        Ok(match name {
            StatusDataItemName::Messages => StatusDataItem::Messages(self.number()?),
            StatusDataItemName::Recent => StatusDataItem::Recent(self.number()?),
            StatusDataItemName::UidNext => StatusDataItem::UidNext(self.nz_number()?),
            StatusDataItemName::UidValidity => StatusDataItem::UidValidity(self.nz_number()?),
            StatusDataItemName::Unseen => StatusDataItem::Unseen(self.number()?),
            StatusDataItemName::Deleted => StatusDataItem::Deleted(self.number()?),
            StatusDataItemName::Size => StatusDataItem::Size(self.number64()?),
            StatusDataItemName::HighestModSeq => StatusDataItem::HighestModSeq(self.number64()?),
        })
    }
}

impl Encode for StatusDataItemName {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(self.as_str().as_bytes());
    }
}

impl Encode for StatusDataItem {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(self.name().as_str().as_bytes());
        out.sp();
        match *self {
            Self::Messages(n) | Self::Recent(n) | Self::Unseen(n) | Self::Deleted(n) => {
                out.number(u64::from(n))
            }
            Self::UidNext(n) | Self::UidValidity(n) => out.number(u64::from(n.get())),
            Self::Size(n) | Self::HighestModSeq(n) => out.number(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;
    use core::num::NonZeroU32;

    use super::*;
    use crate::core::tests::{failed, run};

    #[test]
    fn status_att_rule() {
        assert_eq!(
            run(b"MESSAGES ", Parser::status_att),
            Ok((StatusDataItemName::Messages, &b" "[..]))
        );
        assert_eq!(
            run(b"uidNext)", Parser::status_att).unwrap().0,
            StatusDataItemName::UidNext
        );
        for name in StatusDataItemName::ALL {
            let mut input = name.as_str().as_bytes().to_vec();
            input.push(b')');
            let (decoded, _) = run(&input, Parser::status_att).unwrap();
            assert_eq!(decoded, name);
            assert_eq!(decoded.encode_to_vec(), name.as_str().as_bytes());
        }
        assert_eq!(run(b"UIDNEXT", Parser::status_att), Err(Error::Incomplete));
        assert_eq!(
            run(b"UIDNEX)", Parser::status_att),
            Err(failed(0, "status-att"))
        );
        assert_eq!(run(b"(", Parser::status_att), Err(failed(0, "status-att")));
    }

    #[test]
    fn status_att_val_rule() {
        // RFC 3501 section 7.2.4: `* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)`
        let input = b"(MESSAGES 231 UIDNEXT 44292)\r\n";
        let (items, rest) = run(input, |p| {
            p.paren_list::<_, Vec<_>>(false, Parser::status_att_val)
        })
        .unwrap();
        assert_eq!(
            items,
            [
                StatusDataItem::Messages(231),
                StatusDataItem::UidNext(NonZeroU32::new(44292).unwrap())
            ]
        );
        assert_eq!(rest, b"\r\n");
        let mut out = Encoder::new();
        out.paren_list(&items, |i, out| i.encode(out));
        assert_eq!(out.to_vec(), b"(MESSAGES 231 UIDNEXT 44292)");

        let all = b"(MESSAGES 0 RECENT 1 UIDNEXT 2 UIDVALIDITY 4294967295 UNSEEN 3 DELETED 4 \
            SIZE 9223372036854775807 HIGHESTMODSEQ 0)";
        let (items, _): (Vec<_>, _) =
            run(all, |p| p.paren_list(false, Parser::status_att_val)).unwrap();
        assert_eq!(items.len(), 8);
        let mut out = Encoder::new();
        out.paren_list(&items, |i, out| i.encode(out));
        assert_eq!(out.to_vec(), all);

        assert_eq!(
            run(b"messages 5)", Parser::status_att_val).unwrap().0,
            StatusDataItem::Messages(5)
        );
        assert_eq!(
            run(b"MESSAGES 23", Parser::status_att_val),
            Err(Error::Incomplete)
        );
        assert_eq!(
            run(b"MESSAGES ", Parser::status_att_val),
            Err(Error::Incomplete)
        );
        assert_eq!(
            run(b"UIDNEXT 0)", Parser::status_att_val),
            Err(failed(8, "nz-number"))
        );
        assert_eq!(
            run(b"MESSAGES x)", Parser::status_att_val),
            Err(failed(9, "number"))
        );
        assert_eq!(
            run(b"MESSAGES 4294967296)", Parser::status_att_val),
            Err(failed(9, "number below 2^32"))
        );
        assert_eq!(
            run(b"SIZE 9223372036854775808)", Parser::status_att_val),
            Err(failed(5, "number below 2^63"))
        );
        assert_eq!(
            run(b"MESSAGES\t1)", Parser::status_att_val),
            Err(failed(8, "SP"))
        );
    }
}
