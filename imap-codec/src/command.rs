//! Commands: `command = tag SP (command-any / command-auth / command-nonauth /
//! command-select) CRLF`, with the RFC 4466 extension points (select, create, rename, fetch
//! and store parameters, search return options, append extensions), the LIST extensions of
//! RFC 5258, SASL-IR (RFC 4959), MULTIAPPEND (RFC 3502), IDLE (RFC 2177) and `X<atom>`
//! commands.

use alloc::{borrow::Cow, vec, vec::Vec};

use imap_types::{
    command::{
        AppendData, AppendMessage, Command, CommandBody, ListOption, ListPatterns, StoreFlags,
    },
    core::{Atom, Parameter, Secret, Tag, TaggedExtValue, Vec1, chars},
    flag::{StoreResponse, StoreType},
};

use crate::{
    auth::encode_base64,
    core::encode_parameters,
    decode::{Decode, DecodeError, DecodeOptions, Error, PResult, Parser},
    encode::{Encode, Encoder},
    keyword::key,
};

impl<'a> Parser<'a> {
    /// `command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF`
    ///
    /// Read into `command` (a placeholder), which is where the decoder returns it: a command
    /// is large, and a move of it just after it is built waits for the stores that built it.
    fn command_into(&mut self, command: &mut Command<'a>) -> PResult<()> {
        command.tag = self.tag()?;
        self.sp()?;
        self.command_body_into(&mut command.body)?;
        self.crlf()
    }

    /// The command name and its arguments: the alternatives of `command-any`, `command-auth`,
    /// `command-nonauth` and `command-select`, and `idle = "IDLE"`, read into `body`. The
    /// rules of the larger commands (`*_into`) write theirs into `body` themselves.
    fn command_body_into(&mut self, body: &mut CommandBody<'a>) -> PResult<()> {
        const CAPABILITY: u128 = key(b"capability");
        const NOOP: u128 = key(b"noop");
        const LOGOUT: u128 = key(b"logout");
        const STARTTLS: u128 = key(b"starttls");
        const AUTHENTICATE: u128 = key(b"authenticate");
        const LOGIN: u128 = key(b"login");
        const SELECT: u128 = key(b"select");
        const EXAMINE: u128 = key(b"examine");
        const CREATE: u128 = key(b"create");
        const DELETE: u128 = key(b"delete");
        const RENAME: u128 = key(b"rename");
        const SUBSCRIBE: u128 = key(b"subscribe");
        const UNSUBSCRIBE: u128 = key(b"unsubscribe");
        const LIST: u128 = key(b"list");
        const LSUB: u128 = key(b"lsub");
        const STATUS: u128 = key(b"status");
        const APPEND: u128 = key(b"append");
        const CHECK: u128 = key(b"check");
        const CLOSE: u128 = key(b"close");
        const EXPUNGE: u128 = key(b"expunge");
        const SEARCH: u128 = key(b"search");
        const FETCH: u128 = key(b"fetch");
        const STORE: u128 = key(b"store");
        const COPY: u128 = key(b"copy");
        const UID: u128 = key(b"uid");
        const IDLE: u128 = key(b"idle");
        let start = self.pos;
        let (_, name) = self.packed_keyword_token()?;
        *body = match name {
            CAPABILITY => CommandBody::Capability,
            NOOP => CommandBody::Noop,
            LOGOUT => CommandBody::Logout,
            STARTTLS => CommandBody::StartTls,
            AUTHENTICATE => return self.authenticate_into(body),
            LOGIN => return self.login_into(body),
            SELECT => {
                let (mailbox, parameters) = self.select()?;
                CommandBody::Select {
                    mailbox,
                    parameters,
                }
            }
            EXAMINE => {
                let (mailbox, parameters) = self.select()?;
                CommandBody::Examine {
                    mailbox,
                    parameters,
                }
            }
            CREATE => {
                let (mailbox, parameters) = self.select()?;
                CommandBody::Create {
                    mailbox,
                    parameters,
                }
            }
            DELETE => CommandBody::Delete {
                mailbox: self.sp_mailbox()?,
            },
            RENAME => return self.rename_into(body),
            SUBSCRIBE => CommandBody::Subscribe {
                mailbox: self.sp_mailbox()?,
            },
            UNSUBSCRIBE => CommandBody::Unsubscribe {
                mailbox: self.sp_mailbox()?,
            },
            LIST => return self.list_into(body),
            LSUB => return self.lsub_into(body),
            STATUS => return self.status_into(body),
            APPEND => return self.append_into(body),
            CHECK => CommandBody::Check,
            CLOSE => CommandBody::Close,
            EXPUNGE => CommandBody::Expunge,
            SEARCH => return self.search_into(false, body),
            FETCH => return self.fetch_into(false, body),
            STORE => return self.store_into(false, body),
            COPY => return self.copy_into(false, body),
            UID => return self.uid_into(body),
            IDLE => CommandBody::Idle,
            _ => {
                // No command known by name: an `x-command`, whose name is an atom.
                self.pos = start;
                let name = self.take_token1(crate::decode::is_atom_byte, &"atom")?;
                if name.len() < 2 || !matches!(name[0], b'X' | b'x') {
                    return Err(self.fail_at(start, &"command name"));
                }
                CommandBody::X {
                    name: Atom::unvalidated(self.ascii(name, start)?),
                    arguments: self.x_arguments()?,
                }
            }
        };
        Ok(())
    }

    /// `SP mailbox`
    fn sp_mailbox(&mut self) -> PResult<imap_types::mailbox::Mailbox<'a>> {
        self.sp()?;
        self.mailbox()
    }

    /// Whether a space that separates one more element follows (when lenient, a space before
    /// the line end is trailing, not a separator).
    fn sp_and_more(&self) -> PResult<bool> {
        if self.peek()? != b' ' {
            return Ok(false);
        }
        Ok(!self.options.lenient || !matches!(self.peek2()?, b'\r' | b'\n' | b' '))
    }

    /// `item *(SP item)`, up to the first space that separates nothing (see
    /// [`Parser::sp_and_more`]), allocated as [`Parser::list_tail`] does.
    fn sp_separated<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<Vec<T>> {
        self.list_tail(4, &mut item, |p| {
            let more = p.sp_and_more()?;
            if more {
                p.pos += 1;
            }
            Ok(more)
        })
    }

    /// `authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")]` (RFC 4959)
    fn authenticate_into(&mut self, body: &mut CommandBody<'a>) -> PResult<()> {
        self.sp()?;
        let mechanism = self.auth_type()?;
        let initial_response = if self.sp_and_more()? {
            self.pos += 1;
            Some(self.initial_response()?)
        } else {
            None
        };
        *body = CommandBody::Authenticate {
            mechanism,
            initial_response,
        };
        Ok(())
    }

    /// `initial-resp = (base64 / "=")`: `=` is an empty response (RFC 4959).
    fn initial_response(&mut self) -> PResult<Secret<Cow<'a, [u8]>>> {
        if self.peek()? == b'=' {
            let next = self.peek2()?;
            if !chars::is_base64_char(next) && next != b'=' {
                self.pos += 1;
                return Ok(Secret::new(Cow::Borrowed(&[])));
            }
        }
        let start = self.pos;
        let data = self.base64()?;
        if self.pos == start {
            return Err(self.fail(&"base64 or \"=\""));
        }
        Ok(Secret::new(data))
    }

    /// `login = "LOGIN" SP userid SP password`, with `userid = astring` and
    /// `password = astring`
    fn login_into(&mut self, body: &mut CommandBody<'a>) -> PResult<()> {
        self.sp()?;
        let username = self.astring()?;
        self.sp()?;
        let password = Secret::new(self.astring()?);
        *body = CommandBody::Login { username, password };
        Ok(())
    }

    /// `select = "SELECT" SP mailbox [select-params]`, and alike `examine` and
    /// `create = "CREATE" SP mailbox [create-params]` (RFC 4466)
    fn select(&mut self) -> PResult<(imap_types::mailbox::Mailbox<'a>, Vec<Parameter<'a>>)> {
        let mailbox = self.sp_mailbox()?;
        let parameters = self.parameters()?;
        Ok((mailbox, parameters))
    }

    /// `rename = "RENAME" SP mailbox SP mailbox [rename-params]` (RFC 4466)
    fn rename_into(&mut self, body: &mut CommandBody<'a>) -> PResult<()> {
        let from = self.sp_mailbox()?;
        let to = self.sp_mailbox()?;
        let parameters = self.parameters()?;
        *body = CommandBody::Rename {
            from,
            to,
            parameters,
        };
        Ok(())
    }

    /// `list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat
    /// [SP list-return-opts]` (RFC 5258)
    fn list_into(&mut self, body: &mut CommandBody<'a>) -> PResult<()> {
        self.sp()?;
        let selection_options = if self.peek()? == b'(' {
            let options = self.list_options()?;
            self.sp()?;
            Some(options)
        } else {
            None
        };
        let reference = self.mailbox()?;
        self.sp()?;
        let patterns = self.mbox_or_pat()?;
        let return_options = if self.sp_and_more()? {
            self.pos += 1;
            Some(self.list_return_opts()?)
        } else {
            None
        };
        *body = CommandBody::List {
            selection_options,
            reference,
            patterns,
            return_options,
        };
        Ok(())
    }

    /// `list-return-opts = "RETURN" SP "(" [return-option *(SP return-option)] ")"`
    fn list_return_opts(&mut self) -> PResult<Vec<ListOption<'a>>> {
        self.keyword(b"RETURN", &"\"RETURN\"")?;
        self.sp()?;
        self.list_options()
    }

    /// `list-select-opts = "(" [list-select-opt *(SP list-select-opt)] ")"`, and the list of
    /// `list-return-opts` (RFC 5258; the combination rules of selection options are left to
    /// the server)
    fn list_options(&mut self) -> PResult<Vec<ListOption<'a>>> {
        self.paren_list(true, Parser::list_option)
    }

    /// `option-extension = (option-standard-tag / option-vendor-tag) [SP option-value]`,
    /// with `option-value = "(" option-val-comp ")"` (RFC 5258)
    fn list_option(&mut self) -> PResult<ListOption<'a>> {
        let name = self.atom()?;
        let value = if self.peek()? == b' ' && self.peek2()? == b'(' {
            self.pos += 1;
            let start = self.pos;
            match self.tagged_ext_val()? {
                TaggedExtValue::Comp(comps) if !comps.is_empty() => Some(Vec1::unvalidated(comps)),
                _ => return Err(self.fail_at(start + 1, &"option-val-comp")),
            }
        } else {
            None
        };
        Ok(ListOption { name, value })
    }

    /// `mbox-or-pat = list-mailbox / patterns`, with
    /// `patterns = "(" list-mailbox *(SP list-mailbox) ")"` (RFC 5258)
    fn mbox_or_pat(&mut self) -> PResult<ListPatterns<'a>> {
        if self.peek()? == b'(' {
            let patterns = self.paren_list(false, Parser::list_mailbox)?;
            return Ok(ListPatterns::List(Vec1::unvalidated(patterns)));
        }
        Ok(ListPatterns::Single(self.list_mailbox()?))
    }

    /// `lsub = "LSUB" SP mailbox SP list-mailbox`
    fn lsub_into(&mut self, body: &mut CommandBody<'a>) -> PResult<()> {
        let reference = self.sp_mailbox()?;
        self.sp()?;
        let pattern = self.list_mailbox()?;
        *body = CommandBody::Lsub { reference, pattern };
        Ok(())
    }

    /// `status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"`
    fn status_into(&mut self, body: &mut CommandBody<'a>) -> PResult<()> {
        let mailbox = self.sp_mailbox()?;
        self.sp()?;
        // Room for every status item of RFC 3501: the list is not grown from empty.
        let items =
            Vec1::unvalidated(self.paren_list_with_capacity(5, false, Parser::status_att)?);
        *body = CommandBody::Status { mailbox, items };
        Ok(())
    }

    /// `append = "APPEND" SP mailbox 1*append-message` (RFC 4466; several messages are
    /// MULTIAPPEND, RFC 3502)
    fn append_into(&mut self, body: &mut CommandBody<'a>) -> PResult<()> {
        let mailbox = self.sp_mailbox()?;
        let mut messages = vec![self.append_message()?];
        while self.sp_and_more()? {
            messages.push(self.append_message()?);
        }
        *body = CommandBody::Append {
            mailbox,
            messages: Vec1::unvalidated(messages),
        };
        Ok(())
    }

    /// `append-message = append-opts SP append-data`, with
    /// `append-opts = [SP flag-list] [SP date-time] *(SP append-ext)` and
    /// `append-data = literal / literal8 / append-data-ext` (RFC 4466).
    ///
    /// `append-ext` and `append-data-ext` are both `tagged-ext`; one is read as the data when
    /// it is `CATENATE` (RFC 4469), when the command ends after it, or when the next message's
    /// flag list or date follows it.
    fn append_message(&mut self) -> PResult<AppendMessage<'a>> {
        self.sp()?;
        let flags = if self.peek()? == b'(' {
            let flags = self.flag_list()?;
            self.sp()?;
            Some(flags)
        } else {
            None
        };
        let date = if self.peek()? == b'"' {
            let date = self.date_time()?;
            self.sp()?;
            Some(date)
        } else {
            None
        };
        let mut extensions = Vec::new();
        let data = loop {
            match self.peek()? {
                b'{' => break AppendData::Literal(self.literal()?),
                b'~' => break AppendData::Literal8(self.literal8()?),
                _ => {
                    // `append-ext` and `append-data-ext` are both `tagged-ext`: this one is
                    // the data if nothing follows, or if the next message's flags or date do.
                    let ext = self.tagged_ext()?;
                    let is_data = ext.label.as_str().eq_ignore_ascii_case("CATENATE")
                        || !self.sp_and_more()?
                        || matches!(self.peek2()?, b'(' | b'"');
                    if is_data {
                        break AppendData::Extension(ext);
                    }
                    extensions.push(ext);
                    self.sp()?;
                }
            }
        };
        Ok(AppendMessage {
            flags,
            date,
            extensions,
            data,
        })
    }

    /// `search = "SEARCH" [search-return-opts] SP search-program` (RFC 4466), with
    /// `search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)`
    fn search_into(&mut self, uid: bool, body: &mut CommandBody<'a>) -> PResult<()> {
        self.sp()?;
        let return_options = if self.eat_keyword(b"RETURN ")? {
            let options = self.search_return_opts()?;
            self.sp()?;
            Some(options)
        } else {
            None
        };
        let charset = if self.eat_keyword(b"CHARSET ")? {
            let charset = self.charset()?;
            self.sp()?;
            Some(charset)
        } else {
            None
        };
        let criteria = self.sp_separated(Parser::search_key)?;
        *body = CommandBody::Search {
            return_options,
            charset,
            criteria: Vec1::unvalidated(criteria),
            uid,
        };
        Ok(())
    }

    /// The list of `search-return-opts = SP "RETURN" SP "(" [search-return-opt
    /// *(SP search-return-opt)] ")"`, with
    /// `search-return-opt = search-ret-opt-name [SP search-ret-opt-value]` (RFC 4466)
    fn search_return_opts(&mut self) -> PResult<Vec<Parameter<'a>>> {
        self.nested(|p| p.paren_list(true, Parser::parameter))
    }

    /// `fetch = "FETCH" SP sequence-set SP fetch-items [fetch-modifiers]` (RFC 4466)
    fn fetch_into(&mut self, uid: bool, body: &mut CommandBody<'a>) -> PResult<()> {
        self.sp()?;
        let sequence_set = self.sequence_set()?;
        self.sp()?;
        let items = self.fetch_items()?;
        let modifiers = self.parameters()?;
        *body = CommandBody::Fetch {
            sequence_set,
            items,
            modifiers,
            uid,
        };
        Ok(())
    }

    /// `store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags` (RFC 4466), with
    /// `store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))`
    fn store_into(&mut self, uid: bool, body: &mut CommandBody<'a>) -> PResult<()> {
        self.sp()?;
        let sequence_set = self.sequence_set()?;
        let modifiers = self.parameters()?;
        self.sp()?;
        let start = self.pos;
        let word = self.keyword_token()?;
        let (sign, rest) = match word.split_first() {
            Some((b'+', rest)) => (StoreType::Add, rest),
            Some((b'-', rest)) => (StoreType::Remove, rest),
            _ => (StoreType::Replace, word),
        };
        let response = if rest.eq_ignore_ascii_case(b"FLAGS") {
            StoreResponse::Answer
        } else if rest.eq_ignore_ascii_case(b"FLAGS.SILENT") {
            StoreResponse::Silent
        } else {
            return Err(self.fail_at(start, &"[\"+\" / \"-\"] \"FLAGS\" [\".SILENT\"]"));
        };
        self.sp()?;
        let flags = if self.peek()? == b'(' {
            StoreFlags::List(self.flag_list()?)
        } else {
            StoreFlags::Bare(Vec1::unvalidated(self.sp_separated(Parser::flag)?))
        };
        *body = CommandBody::Store {
            sequence_set,
            modifiers,
            kind: sign,
            response,
            flags,
            uid,
        };
        Ok(())
    }

    /// `copy = "COPY" SP sequence-set SP mailbox`
    fn copy_into(&mut self, uid: bool, body: &mut CommandBody<'a>) -> PResult<()> {
        self.sp()?;
        let sequence_set = self.sequence_set()?;
        let mailbox = self.sp_mailbox()?;
        *body = CommandBody::Copy {
            sequence_set,
            mailbox,
            uid,
        };
        Ok(())
    }

    /// `uid = "UID" SP (copy / fetch / search / store)`
    fn uid_into(&mut self, body: &mut CommandBody<'a>) -> PResult<()> {
        self.sp()?;
        let start = self.pos;
        let (_, name) = self.packed_keyword_token()?;
        const COPY: u128 = key(b"copy");
        const FETCH: u128 = key(b"fetch");
        const SEARCH: u128 = key(b"search");
        const STORE: u128 = key(b"store");
        match name {
            COPY => self.copy_into(true, body),
            FETCH => self.fetch_into(true, body),
            SEARCH => self.search_into(true, body),
            STORE => self.store_into(true, body),
            _ => Err(self.fail_at(start, &"COPY, FETCH, SEARCH or STORE")),
        }
    }

    /// The `<experimental command arguments>` of `x-command = "X" atom <...>`: the rest of the
    /// line after a space, as written (`TEXT-CHAR`s).
    fn x_arguments(&mut self) -> PResult<Option<Cow<'a, str>>> {
        if self.peek()? != b' ' {
            return Ok(None);
        }
        self.pos += 1;
        let start = self.pos;
        let bytes = self.take_while(chars::is_text_char)?;
        let text = core::str::from_utf8(bytes).map_err(|e| Error::Failed {
            offset: start + e.valid_up_to(),
            expected: &"UTF-8 text",
        })?;
        Ok(Some(Cow::Borrowed(text)))
    }
}

impl<'a> Decode<'a> for Command<'a> {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        let mut parser = Parser::new(input, options);
        parser.announce_literals = true;
        let placeholder = || Command {
            tag: Tag::unvalidated("a"),
            body: CommandBody::Noop,
        };
        parser.finish_into(placeholder, Parser::command_into, |input| {
            Parser::new(input, options).tag().ok()
        })
    }
}

impl Encode for Command<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        self.tag.encode(out);
        out.sp();
        self.body.encode(out);
        out.crlf();
    }

    fn literal_bytes(&self) -> usize {
        self.body.literal_bytes()
    }
}

impl Encode for CommandBody<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Capability => out.push(b"CAPABILITY"),
            Self::Noop => out.push(b"NOOP"),
            Self::Logout => out.push(b"LOGOUT"),
            Self::StartTls => out.push(b"STARTTLS"),
            Self::Authenticate {
                mechanism,
                initial_response,
            } => {
                out.push(b"AUTHENTICATE ");
                mechanism.encode(out);
                if let Some(response) = initial_response {
                    out.sp();
                    if response.declassify().is_empty() {
                        out.byte(b'=');
                    } else {
                        encode_base64(response.declassify(), out);
                    }
                }
            }
            Self::Login { username, password } => {
                out.push(b"LOGIN ");
                username.encode(out);
                out.sp();
                password.declassify().encode(out);
            }
            Self::Select {
                mailbox,
                parameters,
            } => {
                out.push(b"SELECT ");
                mailbox.encode(out);
                encode_parameters(parameters, out);
            }
            Self::Examine {
                mailbox,
                parameters,
            } => {
                out.push(b"EXAMINE ");
                mailbox.encode(out);
                encode_parameters(parameters, out);
            }
            Self::Create {
                mailbox,
                parameters,
            } => {
                out.push(b"CREATE ");
                mailbox.encode(out);
                encode_parameters(parameters, out);
            }
            Self::Delete { mailbox } => {
                out.push(b"DELETE ");
                mailbox.encode(out);
            }
            Self::Rename {
                from,
                to,
                parameters,
            } => {
                out.push(b"RENAME ");
                from.encode(out);
                out.sp();
                to.encode(out);
                encode_parameters(parameters, out);
            }
            Self::Subscribe { mailbox } => {
                out.push(b"SUBSCRIBE ");
                mailbox.encode(out);
            }
            Self::Unsubscribe { mailbox } => {
                out.push(b"UNSUBSCRIBE ");
                mailbox.encode(out);
            }
            Self::List {
                selection_options,
                reference,
                patterns,
                return_options,
            } => {
                out.push(b"LIST ");
                if let Some(options) = selection_options {
                    out.paren_list(options, |o, out| o.encode(out));
                    out.sp();
                }
                reference.encode(out);
                out.sp();
                patterns.encode(out);
                if let Some(options) = return_options {
                    out.push(b" RETURN ");
                    out.paren_list(options, |o, out| o.encode(out));
                }
            }
            Self::Lsub { reference, pattern } => {
                out.push(b"LSUB ");
                reference.encode(out);
                out.sp();
                pattern.encode(out);
            }
            Self::Status { mailbox, items } => {
                out.push(b"STATUS ");
                mailbox.encode(out);
                out.sp();
                out.paren_list(items, |i, out| i.encode(out));
            }
            Self::Append { mailbox, messages } => {
                out.push(b"APPEND ");
                mailbox.encode(out);
                for message in messages.iter() {
                    message.encode(out);
                }
            }
            Self::Check => out.push(b"CHECK"),
            Self::Close => out.push(b"CLOSE"),
            Self::Expunge => out.push(b"EXPUNGE"),
            Self::Search {
                return_options,
                charset,
                criteria,
                uid,
            } => {
                out.push(if *uid { b"UID SEARCH" } else { b"SEARCH" });
                if let Some(options) = return_options {
                    out.push(b" RETURN ");
                    out.paren_list(options, |o, out| o.encode(out));
                }
                if let Some(charset) = charset {
                    out.push(b" CHARSET ");
                    charset.encode(out);
                }
                for key in criteria.iter() {
                    out.sp();
                    key.encode(out);
                }
            }
            Self::Fetch {
                sequence_set,
                items,
                modifiers,
                uid,
            } => {
                out.push(if *uid { b"UID FETCH " } else { b"FETCH " });
                sequence_set.encode(out);
                out.sp();
                items.encode(out);
                encode_parameters(modifiers, out);
            }
            Self::Store {
                sequence_set,
                modifiers,
                kind,
                response,
                flags,
                uid,
            } => {
                out.push(if *uid { b"UID STORE " } else { b"STORE " });
                sequence_set.encode(out);
                encode_parameters(modifiers, out);
                out.sp();
                match kind {
                    StoreType::Replace => {}
                    StoreType::Add => out.byte(b'+'),
                    StoreType::Remove => out.byte(b'-'),
                }
                out.push(match response {
                    StoreResponse::Answer => b"FLAGS ",
                    StoreResponse::Silent => b"FLAGS.SILENT ",
                });
                flags.encode(out);
            }
            Self::Copy {
                sequence_set,
                mailbox,
                uid,
            } => {
                out.push(if *uid { b"UID COPY " } else { b"COPY " });
                sequence_set.encode(out);
                out.sp();
                mailbox.encode(out);
            }
            Self::Idle => out.push(b"IDLE"),
            Self::X { name, arguments } => {
                name.encode(out);
                if let Some(arguments) = arguments {
                    out.sp();
                    out.push(arguments.as_bytes());
                }
            }
        }
    }

    fn literal_bytes(&self) -> usize {
        match self {
            Self::Append { messages, .. } => messages.iter().map(Encode::literal_bytes).sum(),
            _ => 0,
        }
    }
}

impl Encode for ListOption<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        self.name.encode(out);
        if let Some(value) = &self.value {
            out.sp();
            out.paren_list(value, |c, out| c.encode(out));
        }
    }
}

impl Encode for ListPatterns<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Single(pattern) => pattern.encode(out),
            Self::List(patterns) => out.paren_list(patterns, |p, out| p.encode(out)),
        }
    }
}

impl Encode for StoreFlags<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::List(flags) => out.paren_list(flags, |f, out| f.encode(out)),
            Self::Bare(flags) => out.join(flags, |f, out| f.encode(out)),
        }
    }
}

/// Writes `append-opts SP append-data`, the leading space included.
impl Encode for AppendMessage<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        if let Some(flags) = &self.flags {
            out.sp();
            out.paren_list(flags, |f, out| f.encode(out));
        }
        if let Some(date) = &self.date {
            out.sp();
            date.encode(out);
        }
        for extension in &self.extensions {
            out.sp();
            extension.encode(out);
        }
        out.sp();
        self.data.encode(out);
    }

    fn literal_bytes(&self) -> usize {
        self.data.literal_bytes()
    }
}

impl Encode for AppendData<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Literal(literal) => literal.encode(out),
            Self::Literal8(literal) => literal.encode(out),
            Self::Extension(extension) => extension.encode(out),
        }
    }

    fn literal_bytes(&self) -> usize {
        match self {
            Self::Literal(literal) => literal.literal_bytes(),
            Self::Literal8(literal) => literal.literal_bytes(),
            Self::Extension(_) => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::{boxed::Box, string::String, vec::Vec};
    use core::num::NonZeroU32;

    use imap_types::{
        auth::AuthMechanism,
        core::{
            AString, Atom, AtomExt, Charset, IString, Literal, LiteralMode, Quoted, Tag,
            TaggedExtComp, TaggedExtSimple, TaggedExtension, TaggedLabel,
        },
        datetime::{Date, DateTime},
        fetch::{FetchAttribute, FetchItems, Part, Section},
        flag::Flag,
        mailbox::{ListMailbox, Mailbox},
        search::SearchKey,
        sequence::SequenceSet,
        status::StatusDataItemName,
    };

    use super::*;
    use crate::decode::LiteralAnnouncement;

    /// Decodes a whole command, checks that it encodes back to the same bytes, and returns it.
    fn round_trip(input: &[u8]) -> Command<'_> {
        let (rest, command) = Command::decode(input).unwrap();
        assert!(rest.is_empty(), "left over: {rest:?}");
        assert_eq!(
            String::from_utf8_lossy(&command.encode_to_vec()),
            String::from_utf8_lossy(input)
        );
        command
    }

    /// The body of a command that must round-trip.
    fn body(input: &[u8]) -> CommandBody<'_> {
        round_trip(input).body
    }

    fn failed(offset: usize, expected: &'static str) -> DecodeError<'static> {
        DecodeError::Failed { offset, expected }
    }

    fn atom_ext(s: &str) -> AString<'_> {
        AString::Atom(AtomExt::try_from(s).unwrap())
    }

    fn quoted(s: &str) -> AString<'_> {
        AString::String(IString::Quoted(Quoted::try_from(s).unwrap()))
    }

    fn mailbox(s: &str) -> Mailbox<'_> {
        Mailbox(atom_ext(s))
    }

    fn label(s: &str) -> TaggedLabel<'_> {
        TaggedLabel::try_from(s).unwrap()
    }

    fn set(s: &str) -> SequenceSet<'_> {
        SequenceSet::try_from(s).unwrap()
    }

    fn secret(bytes: &[u8]) -> Option<Secret<Cow<'_, [u8]>>> {
        Some(Secret::new(Cow::Borrowed(bytes)))
    }

    /// Commands that use only the rules of this module and of `core`/`auth`.
    const SELF_CONTAINED: &[&[u8]] = &[
        b"a001 CAPABILITY\r\n",
        b"a002 NOOP\r\n",
        b"A023 LOGOUT\r\n",
        b"a001 STARTTLS\r\n",
        b"A001 AUTHENTICATE GSSAPI\r\n",
        b"A01 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n",
        b"A01 AUTHENTICATE EXTERNAL =\r\n",
        b"a001 LOGIN SMITH SESAME\r\n",
        b"A1 LOGIN \"fred foobar\" {6}\r\nfooba\"\r\n",
        b"A1 LOGIN {5+}\r\nalice {2}\r\npw\r\n",
        b"a1 CHECK\r\n",
        b"a1 CLOSE\r\n",
        b"a1 EXPUNGE\r\n",
        b"a1 IDLE\r\n",
        b"a1 XPING\r\n",
        b"a1 XFOO bar (baz) \"q\"\r\n",
    ];

    /// Commands that also need the rules of other modules (mailbox, flag, date-time, status,
    /// search, fetch).
    const WITH_OTHER_RULES: &[&[u8]] = &[
        b"A142 SELECT INBOX\r\n",
        b"A142 SELECT INBOX (CONDSTORE)\r\n",
        b"A932 EXAMINE blurdybloop\r\n",
        b"A003 CREATE owatagusiam/ (X-OPT (a \"b c\"))\r\n",
        b"A683 DELETE blurdybloop\r\n",
        b"A683 RENAME blurdybloop sarasoop\r\n",
        b"A002 SUBSCRIBE #news.comp.mail.mime\r\n",
        b"A002 UNSUBSCRIBE #news.comp.mail.mime\r\n",
        b"A101 LIST \"\" \"\"\r\n",
        b"A102 LIST #news.comp.mail.misc \"\"\r\n",
        b"A103 LIST /usr/staff/jones \"\"\r\n",
        b"A202 LIST ~/Mail/ %\r\n",
        b"A01 LIST (SUBSCRIBED REMOTE) \"\" (INBOX %/* \"a b\") RETURN (CHILDREN STATUS (MESSAGES UNSEEN))\r\n",
        b"A02 LIST () \"\" % RETURN ()\r\n",
        b"A002 LSUB #news. comp.mail.*\r\n",
        b"A042 STATUS blurdybloop (UIDNEXT MESSAGES)\r\n",
        b"A003 APPEND saved-messages (\\Seen) {5}\r\nhello\r\n",
        b"A003 APPEND box (\\Seen) \" 7-Feb-1994 21:52:25 -0800\" {1+}\r\na ~{2}\r\n\0b\r\n",
        b"A003 APPEND box CATENATE (URL \"/a\" TEXT {2+}\r\nhi)\r\n",
        b"A003 APPEND box X-EXT (1) {1}\r\na\r\n",
        b"A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n",
        b"A283 SEARCH CHARSET UTF-8 TEXT {6}\r\nXXXXXX\r\n",
        b"A284 UID SEARCH RETURN (MIN MAX) CHARSET UTF-8 ALL\r\n",
        b"A285 SEARCH RETURN () CC x\r\n",
        b"A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n",
        b"A999 UID FETCH 4827313:4828442 FLAGS\r\n",
        b"A001 FETCH 1:* FLAGS (CHANGEDSINCE 12345)\r\n",
        b"A003 STORE 2:4 +FLAGS (\\Deleted)\r\n",
        b"A004 UID STORE 1 (UNCHANGEDSINCE 5) -FLAGS.SILENT \\Seen $Junk\r\n",
        b"A005 STORE 1 FLAGS ()\r\n",
        b"A003 COPY 2:4 MEETING\r\n",
        b"A004 UID COPY 1:3,7 \"a b\"\r\n",
    ];

    #[test]
    fn commands_without_arguments() {
        let cases: [(&[u8], CommandBody<'_>); 8] = [
            (b"a001 CAPABILITY\r\n", CommandBody::Capability),
            (b"a002 NOOP\r\n", CommandBody::Noop),
            (b"A023 LOGOUT\r\n", CommandBody::Logout),
            (b"a001 STARTTLS\r\n", CommandBody::StartTls),
            (b"a1 CHECK\r\n", CommandBody::Check),
            (b"a1 CLOSE\r\n", CommandBody::Close),
            (b"a1 EXPUNGE\r\n", CommandBody::Expunge),
            (b"a1 IDLE\r\n", CommandBody::Idle),
        ];
        for (input, expected) in cases {
            assert_eq!(body(input), expected);
        }
        assert_eq!(
            Command::decode(b"a002 NOOP\r\nrest"),
            Ok((
                &b"rest"[..],
                Command {
                    tag: Tag::try_from("a002").unwrap(),
                    body: CommandBody::Noop
                }
            ))
        );
    }

    #[test]
    fn command_names_are_case_insensitive_and_encode_upper_case() {
        let (_, command) = Command::decode(b"a1 cApAbIlItY\r\n").unwrap();
        assert_eq!(command.body, CommandBody::Capability);
        assert_eq!(command.encode_to_vec(), b"a1 CAPABILITY\r\n");
        let (_, command) = Command::decode(b"a1 login a b\r\n").unwrap();
        assert_eq!(command.encode_to_vec(), b"a1 LOGIN a b\r\n");
    }

    #[test]
    fn login_keeps_the_forms_of_its_strings() {
        assert_eq!(
            body(b"a001 LOGIN SMITH SESAME\r\n"),
            CommandBody::Login {
                username: atom_ext("SMITH"),
                password: Secret::new(atom_ext("SESAME")),
            }
        );
        assert_eq!(
            body(b"A1 LOGIN \"fred foobar\" {6}\r\nfooba\"\r\n"),
            CommandBody::Login {
                username: quoted("fred foobar"),
                password: Secret::new(AString::String(IString::Literal(
                    Literal::try_from("fooba\"").unwrap()
                ))),
            }
        );
        assert_eq!(
            body(b"A1 LOGIN {5+}\r\nalice {2}\r\npw\r\n"),
            CommandBody::Login {
                username: AString::String(IString::Literal(
                    Literal::try_from("alice")
                        .unwrap()
                        .with_mode(LiteralMode::NonSync)
                )),
                password: Secret::new(AString::String(IString::Literal(
                    Literal::try_from("pw").unwrap()
                ))),
            }
        );
    }

    #[test]
    fn login_password_is_redacted_in_debug() {
        let (_, command) = Command::decode(b"a LOGIN user hunter2\r\n").unwrap();
        assert!(!alloc::format!("{command:?}").contains("hunter2"));
    }

    #[test]
    fn authenticate_with_and_without_initial_response() {
        assert_eq!(
            body(b"A001 AUTHENTICATE GSSAPI\r\n"),
            CommandBody::Authenticate {
                mechanism: AuthMechanism::Gssapi,
                initial_response: None,
            }
        );
        assert_eq!(
            body(b"A01 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n"),
            CommandBody::Authenticate {
                mechanism: AuthMechanism::Plain,
                initial_response: secret(b"\0user\0pass"),
            }
        );
        assert_eq!(
            body(b"A01 AUTHENTICATE EXTERNAL =\r\n"),
            CommandBody::Authenticate {
                mechanism: AuthMechanism::External,
                initial_response: secret(b""),
            }
        );
        assert_eq!(
            body(b"A01 AUTHENTICATE X-CUSTOM YWJj\r\n"),
            CommandBody::Authenticate {
                mechanism: AuthMechanism::try_from("X-CUSTOM").unwrap(),
                initial_response: secret(b"abc"),
            }
        );
    }

    #[test]
    fn authenticate_errors_point_into_the_input() {
        assert_eq!(
            Command::decode(b"A1 AUTHENTICATE PLAIN YR==\r\n"),
            Err(failed(23, "base64"))
        );
        assert_eq!(
            Command::decode(b"A1 AUTHENTICATE PLAIN YQ=\r\n"),
            Err(failed(25, "base64"))
        );
        assert_eq!(
            Command::decode(b"A1 AUTHENTICATE PLAIN ==\r\n"),
            Err(failed(24, "base64"))
        );
        assert_eq!(
            Command::decode(b"A1 AUTHENTICATE PLAIN \r\n"),
            Err(failed(22, "base64 or \"=\""))
        );
        assert_eq!(
            Command::decode(b"A1 AUTHENTICATE PLAIN YQ==!\r\n"),
            Err(failed(26, "CRLF"))
        );
        assert_eq!(
            Command::decode(b"A1 AUTHENTICATE (\r\n"),
            Err(failed(16, "atom"))
        );
    }

    #[test]
    fn x_commands_keep_their_arguments() {
        assert_eq!(
            body(b"a1 XPING\r\n"),
            CommandBody::X {
                name: Atom::try_from("XPING").unwrap(),
                arguments: None,
            }
        );
        assert_eq!(
            body(b"a1 XFOO bar (baz) \"q\"\r\n"),
            CommandBody::X {
                name: Atom::try_from("XFOO").unwrap(),
                arguments: Some(Cow::Borrowed("bar (baz) \"q\"")),
            }
        );
        assert_eq!(
            body(b"a1 xlist \r\n"),
            CommandBody::X {
                name: Atom::try_from("xlist").unwrap(),
                arguments: Some(Cow::Borrowed("")),
            }
        );
        assert_eq!(Command::decode(b"a1 X\r\n"), Err(failed(3, "command name")));
        assert_eq!(
            Command::decode(b"a1 XA \xff\r\n"),
            Err(failed(6, "UTF-8 text"))
        );
    }

    #[test]
    fn bad_commands_fail_at_the_exact_byte() {
        assert_eq!(
            Command::decode(b"a1 FOO\r\n"),
            Err(failed(3, "command name"))
        );
        assert_eq!(Command::decode(b"+ NOOP\r\n"), Err(failed(0, "tag")));
        assert_eq!(Command::decode(b"a1  NOOP\r\n"), Err(failed(3, "atom")));
        assert_eq!(Command::decode(b"a1\tNOOP\r\n"), Err(failed(2, "SP")));
        assert_eq!(Command::decode(b"a1 NOOP x\r\n"), Err(failed(7, "CRLF")));
        assert_eq!(Command::decode(b"a1 NOOP\n"), Err(failed(7, "CRLF")));
        assert_eq!(Command::decode(b"a1 LOGIN a\r\n"), Err(failed(10, "SP")));
        assert_eq!(
            Command::decode(b"a1 LOGIN a (\r\n"),
            Err(failed(11, "astring"))
        );
        assert_eq!(
            Command::decode(b"a1 UID EXPUNGE 1\r\n"),
            Err(failed(7, "COPY, FETCH, SEARCH or STORE"))
        );
        assert_eq!(
            Command::decode(b"a1 AUTHENTICATEX\r\n"),
            Err(failed(3, "command name"))
        );
        // A name is read up to a space, a parenthesis or a bracket: `NOOP{` is no command's.
        assert_eq!(
            Command::decode(b"a1 NOOP{\r\n"),
            Err(failed(3, "command name"))
        );
        assert_eq!(
            Command::decode(b"a1 UID FETCH% 1 FLAGS\r\n"),
            Err(failed(12, "SP"))
        );
    }

    #[test]
    fn lenient_commands_accept_a_bare_line_feed_and_trailing_spaces() {
        let lenient = DecodeOptions::lenient();
        let (rest, command) = Command::decode_with(b"a1 NOOP\nx", &lenient).unwrap();
        assert_eq!((rest, command.body), (&b"x"[..], CommandBody::Noop));
        let (_, command) = Command::decode_with(b"a1 AUTHENTICATE PLAIN  \r\n", &lenient).unwrap();
        assert_eq!(
            command.body,
            CommandBody::Authenticate {
                mechanism: AuthMechanism::Plain,
                initial_response: None
            }
        );
        assert_eq!(
            Command::decode(b"a1 AUTHENTICATE PLAIN  \r\n"),
            Err(failed(22, "base64 or \"=\""))
        );
    }

    #[test]
    fn lenient_search_ignores_trailing_spaces() {
        let (_, command) =
            Command::decode_with(b"a1 SEARCH ALL \r\n", &DecodeOptions::lenient()).unwrap();
        assert_eq!(command.encode_to_vec(), b"a1 SEARCH ALL\r\n");
    }

    /// Decodes every one-byte variation of the test commands: no panic, and whatever decodes
    /// encodes to bytes that decode to the same value.
    #[test]
    fn decode_of_encode_is_identity_for_mutated_commands() {
        let replacements = [
            b' ', b'(', b')', b'{', b'}', b'"', b'\r', b'\n', b'0', b'a', b'\\', 0, 0xff,
        ];
        for input in SELF_CONTAINED
            .iter()
            .chain(WITH_OTHER_RULES)
            .chain([&RFC_APPEND])
        {
            let mut mutated = input.to_vec();
            for i in 0..input.len() {
                for r in replacements {
                    mutated[i] = r;
                    for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
                        for end in [i + 1, mutated.len()] {
                            if let Ok((_, command)) =
                                Command::decode_with(&mutated[..end], &options)
                            {
                                let encoded = command.encode_to_vec();
                                let (rest, again) = Command::decode(&encoded).unwrap();
                                assert!(rest.is_empty());
                                assert_eq!(again, command);
                            }
                        }
                    }
                }
                mutated[i] = input[i];
            }
        }
    }

    #[test]
    fn synchronizing_literal_without_data_is_announced() {
        assert_eq!(
            Command::decode(b"A1 LOGIN {5}\r\n"),
            Err(DecodeError::LiteralAnnouncement(LiteralAnnouncement {
                tag: Tag::try_from("A1").unwrap(),
                length: 5,
                mode: LiteralMode::Sync,
                binary: false,
            }))
        );
        assert_eq!(
            Command::decode(b"A1 LOGIN {5+}\r\n"),
            Err(DecodeError::Incomplete)
        );
        assert_eq!(
            Command::decode(b"A1 LOGIN {5}\r\nali"),
            Err(DecodeError::Incomplete)
        );
        assert_eq!(
            Command::decode(b"A2 LOGIN {5}\r\nalice {3}\r\n"),
            Err(DecodeError::LiteralAnnouncement(LiteralAnnouncement {
                tag: Tag::try_from("A2").unwrap(),
                length: 3,
                mode: LiteralMode::Sync,
                binary: false,
            }))
        );
        assert_eq!(
            Command::decode(b"A1 LOGIN {5}\r\nalice x\r\n").map(|(r, c)| (r, c.tag)),
            Ok((&b""[..], Tag::try_from("A1").unwrap()))
        );
    }

    #[test]
    fn binary_literal_in_append_is_announced() {
        assert_eq!(
            Command::decode(b"A3 APPEND box ~{7}\r\n"),
            Err(DecodeError::LiteralAnnouncement(LiteralAnnouncement {
                tag: Tag::try_from("A3").unwrap(),
                length: 7,
                mode: LiteralMode::Sync,
                binary: true,
            }))
        );
    }

    /// Every proper prefix of `input` is incomplete or a literal announcement.
    fn assert_prefixes_incomplete(input: &[u8]) {
        for end in 0..input.len() {
            match Command::decode(&input[..end]) {
                Err(DecodeError::Incomplete) => {}
                Err(DecodeError::LiteralAnnouncement(a)) => {
                    assert!(input[..end].ends_with(b"}\r\n"), "{end}: {a:?}");
                }
                other => panic!(
                    "prefix {:?} of {:?} gave {other:?}",
                    String::from_utf8_lossy(&input[..end]),
                    String::from_utf8_lossy(input)
                ),
            }
        }
    }

    #[test]
    fn every_proper_prefix_of_self_contained_commands_is_incomplete() {
        for input in SELF_CONTAINED {
            round_trip(input);
            assert_prefixes_incomplete(input);
        }
    }

    #[test]
    fn every_proper_prefix_of_commands_is_incomplete() {
        for input in WITH_OTHER_RULES {
            round_trip(input);
            assert_prefixes_incomplete(input);
        }
    }

    #[test]
    fn select_examine_create_with_parameters() {
        assert_eq!(
            body(b"A142 SELECT INBOX\r\n"),
            CommandBody::Select {
                mailbox: mailbox("INBOX"),
                parameters: Vec::new(),
            }
        );
        assert_eq!(
            body(b"A142 SELECT INBOX (CONDSTORE)\r\n"),
            CommandBody::Select {
                mailbox: mailbox("INBOX"),
                parameters: vec![Parameter {
                    name: label("CONDSTORE"),
                    value: None
                }],
            }
        );
        assert_eq!(
            body(b"A932 EXAMINE blurdybloop\r\n"),
            CommandBody::Examine {
                mailbox: mailbox("blurdybloop"),
                parameters: Vec::new(),
            }
        );
        assert_eq!(
            body(b"A003 CREATE owatagusiam/ (X-OPT (a \"b c\"))\r\n"),
            CommandBody::Create {
                mailbox: mailbox("owatagusiam/"),
                parameters: vec![Parameter {
                    name: label("X-OPT"),
                    value: Some(TaggedExtValue::Comp(vec![
                        TaggedExtComp::AString(atom_ext("a")),
                        TaggedExtComp::AString(quoted("b c")),
                    ])),
                }],
            }
        );
    }

    #[test]
    fn delete_rename_subscribe() {
        assert_eq!(
            body(b"A683 DELETE blurdybloop\r\n"),
            CommandBody::Delete {
                mailbox: mailbox("blurdybloop")
            }
        );
        assert_eq!(
            body(b"A683 RENAME blurdybloop sarasoop\r\n"),
            CommandBody::Rename {
                from: mailbox("blurdybloop"),
                to: mailbox("sarasoop"),
                parameters: Vec::new(),
            }
        );
        assert_eq!(
            body(b"A002 SUBSCRIBE #news.comp.mail.mime\r\n"),
            CommandBody::Subscribe {
                mailbox: mailbox("#news.comp.mail.mime")
            }
        );
        assert_eq!(
            body(b"A002 UNSUBSCRIBE #news.comp.mail.mime\r\n"),
            CommandBody::Unsubscribe {
                mailbox: mailbox("#news.comp.mail.mime")
            }
        );
    }

    #[test]
    fn list_in_rfc_3501_and_rfc_5258_forms() {
        assert_eq!(
            body(b"A202 LIST ~/Mail/ %\r\n"),
            CommandBody::List {
                selection_options: None,
                reference: mailbox("~/Mail/"),
                patterns: ListPatterns::Single(ListMailbox::try_from("%").unwrap()),
                return_options: None,
            }
        );
        assert_eq!(
            body(b"A101 LIST \"\" \"\"\r\n"),
            CommandBody::List {
                selection_options: None,
                reference: Mailbox(quoted("")),
                patterns: ListPatterns::Single(ListMailbox::String(IString::Quoted(
                    Quoted::try_from("").unwrap()
                ))),
                return_options: None,
            }
        );
        let option = |name| ListOption {
            name: Atom::try_from(name).unwrap(),
            value: None,
        };
        assert_eq!(
            body(
                b"A01 LIST (SUBSCRIBED REMOTE) \"\" (INBOX %/* \"a b\") RETURN (CHILDREN STATUS (MESSAGES UNSEEN))\r\n"
            ),
            CommandBody::List {
                selection_options: Some(vec![option("SUBSCRIBED"), option("REMOTE")]),
                reference: Mailbox(quoted("")),
                patterns: ListPatterns::List(Vec1::unvalidated(vec![
                    ListMailbox::try_from("INBOX").unwrap(),
                    ListMailbox::try_from("%/*").unwrap(),
                    ListMailbox::String(IString::Quoted(Quoted::try_from("a b").unwrap())),
                ])),
                return_options: Some(vec![
                    option("CHILDREN"),
                    ListOption {
                        name: Atom::try_from("STATUS").unwrap(),
                        value: Some(Vec1::unvalidated(vec![
                            TaggedExtComp::AString(atom_ext("MESSAGES")),
                            TaggedExtComp::AString(atom_ext("UNSEEN")),
                        ])),
                    },
                ]),
            }
        );
        assert_eq!(
            body(b"A02 LIST () \"\" % RETURN ()\r\n"),
            CommandBody::List {
                selection_options: Some(Vec::new()),
                reference: Mailbox(quoted("")),
                patterns: ListPatterns::Single(ListMailbox::try_from("%").unwrap()),
                return_options: Some(Vec::new()),
            }
        );
        assert_eq!(
            Command::decode(b"A1 LIST \"\" % RETURN (STATUS ())\r\n"),
            Err(failed(29, "option-val-comp"))
        );
        assert_eq!(
            Command::decode(b"A1 LIST \"\" % RETRN ()\r\n"),
            Err(failed(13, "\"RETURN\""))
        );
    }

    #[test]
    fn lsub_and_status() {
        assert_eq!(
            body(b"A002 LSUB #news. comp.mail.*\r\n"),
            CommandBody::Lsub {
                reference: mailbox("#news."),
                pattern: ListMailbox::try_from("comp.mail.*").unwrap(),
            }
        );
        assert_eq!(
            body(b"A042 STATUS blurdybloop (UIDNEXT MESSAGES)\r\n"),
            CommandBody::Status {
                mailbox: mailbox("blurdybloop"),
                items: Vec1::unvalidated(vec![
                    StatusDataItemName::UidNext,
                    StatusDataItemName::Messages
                ]),
            }
        );
        assert_eq!(
            Command::decode(b"A042 STATUS blurdybloop ()\r\n"),
            Err(failed(25, "status-att"))
        );
    }

    const RFC_APPEND: &[u8] = b"A003 APPEND saved-messages (\\Seen) {310}\r\n\
Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n\
From: Fred Foobar <foobar@Blurdybloop.COM>\r\n\
Subject: afternoon meeting\r\n\
To: mooch@owatagu.siam.edu\r\n\
Message-Id: <B27397-0100000@Blurdybloop.COM>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\
\r\n\
Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n\
\r\n";

    #[test]
    fn append_of_rfc_3501() {
        let data_start = RFC_APPEND.windows(3).position(|w| w == b"}\r\n").unwrap() + 3;
        assert_eq!(RFC_APPEND.len() - data_start - 2, 310);
        assert_eq!(
            Command::decode(&RFC_APPEND[..data_start]),
            Err(DecodeError::LiteralAnnouncement(LiteralAnnouncement {
                tag: Tag::try_from("A003").unwrap(),
                length: 310,
                mode: LiteralMode::Sync,
                binary: false,
            }))
        );
        assert_eq!(
            body(RFC_APPEND),
            CommandBody::Append {
                mailbox: mailbox("saved-messages"),
                messages: Vec1::one(AppendMessage {
                    flags: Some(vec![Flag::Seen]),
                    date: None,
                    extensions: Vec::new(),
                    data: AppendData::Literal(
                        Literal::try_from(&RFC_APPEND[data_start..RFC_APPEND.len() - 2]).unwrap()
                    ),
                }),
            }
        );
        assert_prefixes_incomplete(RFC_APPEND);
    }

    #[test]
    fn multiappend_with_date_literal8_and_extensions() {
        assert_eq!(
            body(
                b"A003 APPEND box (\\Seen) \" 7-Feb-1994 21:52:25 -0800\" {1+}\r\na ~{2}\r\n\0b\r\n"
            ),
            CommandBody::Append {
                mailbox: mailbox("box"),
                messages: Vec1::unvalidated(vec![
                    AppendMessage {
                        flags: Some(vec![Flag::Seen]),
                        date: Some(DateTime::new(1994, 2, 7, (21, 52, 25), -8 * 60).unwrap()),
                        extensions: Vec::new(),
                        data: AppendData::Literal(
                            Literal::try_from("a").unwrap().with_mode(LiteralMode::NonSync)
                        ),
                    },
                    AppendMessage {
                        flags: None,
                        date: None,
                        extensions: Vec::new(),
                        data: AppendData::Literal8(imap_types::core::Literal8 {
                            data: Cow::Borrowed(b"\0b"),
                            mode: LiteralMode::Sync,
                        }),
                    },
                ]),
            }
        );
        assert_eq!(
            body(b"A003 APPEND box X-EXT (1) {1}\r\na\r\n"),
            CommandBody::Append {
                mailbox: mailbox("box"),
                messages: Vec1::one(AppendMessage {
                    flags: None,
                    date: None,
                    extensions: vec![TaggedExtension {
                        label: label("X-EXT"),
                        value: TaggedExtValue::Comp(vec![TaggedExtComp::AString(atom_ext("1"))]),
                    }],
                    data: AppendData::Literal(Literal::try_from("a").unwrap()),
                }),
            }
        );
        assert!(matches!(
            body(b"A003 APPEND box CATENATE (URL \"/a\" TEXT {2+}\r\nhi)\r\n"),
            CommandBody::Append { messages, .. }
                if matches!(&messages[0].data, AppendData::Extension(e) if e.label.as_str() == "CATENATE")
        ));
        assert_eq!(
            Command::decode(b"A003 APPEND box\r\n"),
            Err(failed(15, "SP"))
        );
    }

    /// Found by the property tests: a data extension followed by a message that starts with
    /// flags (or a date) ends its own message.
    #[test]
    fn append_data_extension_before_the_next_message() {
        let input = b"A1 APPEND box (\\Seen) X-DATA (a) (\\Draft) \"01-Jan-2000 00:00:00 +0000\" {1}\r\nb\r\n";
        let CommandBody::Append { messages, .. } = body(input) else {
            panic!("not an APPEND");
        };
        assert_eq!(messages.len(), 2);
        assert_eq!(
            messages[0].data,
            AppendData::Extension(TaggedExtension {
                label: label("X-DATA"),
                value: TaggedExtValue::Comp(vec![TaggedExtComp::AString(atom_ext("a"))]),
            })
        );
        assert!(messages[0].extensions.is_empty());
        assert_eq!(messages[1].flags, Some(vec![Flag::Draft]));
        assert_eq!(
            messages[1].data,
            AppendData::Literal(Literal::try_from("b").unwrap())
        );
        let date_first = b"A1 APPEND box X-DATA 1 \"01-Jan-2000 00:00:00 +0000\" {1}\r\nb\r\n";
        let CommandBody::Append { messages, .. } = body(date_first) else {
            panic!("not an APPEND");
        };
        assert_eq!(messages.len(), 2);
        assert!(messages[1].date.is_some());
    }

    #[test]
    fn search_of_rfc_3501_and_rfc_4466() {
        assert_eq!(
            body(b"A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n"),
            CommandBody::Search {
                return_options: None,
                charset: None,
                criteria: Vec1::unvalidated(vec![
                    SearchKey::Flagged,
                    SearchKey::Since(Date::new(1994, 2, 1).unwrap()),
                    SearchKey::Not(Box::new(SearchKey::From(quoted("Smith")))),
                ]),
                uid: false,
            }
        );
        assert_eq!(
            body(b"A284 UID SEARCH RETURN (MIN MAX) CHARSET UTF-8 ALL\r\n"),
            CommandBody::Search {
                return_options: Some(vec![
                    Parameter {
                        name: label("MIN"),
                        value: None
                    },
                    Parameter {
                        name: label("MAX"),
                        value: None
                    },
                ]),
                charset: Some(Charset(atom_ext("UTF-8"))),
                criteria: Vec1::one(SearchKey::All),
                uid: true,
            }
        );
        assert_eq!(
            body(b"A285 SEARCH RETURN () CC x\r\n"),
            CommandBody::Search {
                return_options: Some(Vec::new()),
                charset: None,
                criteria: Vec1::one(SearchKey::Cc(atom_ext("x"))),
                uid: false,
            }
        );
        assert_eq!(Command::decode(b"A1 SEARCH\r\n"), Err(failed(9, "SP")));
    }

    #[test]
    fn fetch_of_rfc_3501_with_modifiers() {
        let header_fields = |names: [&'static str; 2]| {
            Some(Section::HeaderFields(
                None,
                Vec1::unvalidated(names.into_iter().map(atom_ext).collect()),
            ))
        };
        assert_eq!(
            body(b"A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n"),
            CommandBody::Fetch {
                sequence_set: set("2:4"),
                items: FetchItems::List(Vec1::unvalidated(vec![
                    FetchAttribute::Flags,
                    FetchAttribute::BodyExt {
                        section: header_fields(["DATE", "FROM"]),
                        partial: None,
                        peek: false,
                    },
                ])),
                modifiers: Vec::new(),
                uid: false,
            }
        );
        assert_eq!(
            body(b"A999 UID FETCH 4827313:4828442 FLAGS\r\n"),
            CommandBody::Fetch {
                sequence_set: set("4827313:4828442"),
                items: FetchItems::Single(FetchAttribute::Flags),
                modifiers: Vec::new(),
                uid: true,
            }
        );
        assert_eq!(
            body(b"A001 FETCH 1:* FLAGS (CHANGEDSINCE 12345)\r\n"),
            CommandBody::Fetch {
                sequence_set: set("1:*"),
                items: FetchItems::Single(FetchAttribute::Flags),
                modifiers: vec![Parameter {
                    name: label("CHANGEDSINCE"),
                    value: Some(TaggedExtValue::Simple(TaggedExtSimple::Number(12345))),
                }],
                uid: false,
            }
        );
        let n = |n| NonZeroU32::new(n).unwrap();
        let mut part = Part::one(n(1));
        part.push(n(2));
        assert_eq!(
            body(b"A5 FETCH 7 BODY.PEEK[1.2.MIME]<0.100>\r\n"),
            CommandBody::Fetch {
                sequence_set: set("7"),
                items: FetchItems::Single(FetchAttribute::BodyExt {
                    section: Some(Section::Mime(part)),
                    partial: Some((0, n(100))),
                    peek: true,
                }),
                modifiers: Vec::new(),
                uid: false,
            }
        );
    }

    #[test]
    fn store_remembers_its_form() {
        assert_eq!(
            body(b"A003 STORE 2:4 +FLAGS (\\Deleted)\r\n"),
            CommandBody::Store {
                sequence_set: set("2:4"),
                modifiers: Vec::new(),
                kind: StoreType::Add,
                response: StoreResponse::Answer,
                flags: StoreFlags::List(vec![Flag::Deleted]),
                uid: false,
            }
        );
        assert_eq!(
            body(b"A004 UID STORE 1 (UNCHANGEDSINCE 5) -FLAGS.SILENT \\Seen $Junk\r\n"),
            CommandBody::Store {
                sequence_set: set("1"),
                modifiers: vec![Parameter {
                    name: label("UNCHANGEDSINCE"),
                    value: Some(TaggedExtValue::Simple(TaggedExtSimple::Number(5))),
                }],
                kind: StoreType::Remove,
                response: StoreResponse::Silent,
                flags: StoreFlags::Bare(Vec1::unvalidated(vec![
                    Flag::Seen,
                    Flag::Keyword(Atom::try_from("$Junk").unwrap()),
                ])),
                uid: true,
            }
        );
        assert_eq!(
            body(b"A005 STORE 1 FLAGS ()\r\n"),
            CommandBody::Store {
                sequence_set: set("1"),
                modifiers: Vec::new(),
                kind: StoreType::Replace,
                response: StoreResponse::Answer,
                flags: StoreFlags::List(Vec::new()),
                uid: false,
            }
        );
        assert_eq!(
            Command::decode(b"A1 STORE 1 +FLAGS.LOUD (\\Seen)\r\n"),
            Err(failed(11, "[\"+\" / \"-\"] \"FLAGS\" [\".SILENT\"]"))
        );
    }

    #[test]
    fn copy_and_uid_copy() {
        assert_eq!(
            body(b"A003 COPY 2:4 MEETING\r\n"),
            CommandBody::Copy {
                sequence_set: set("2:4"),
                mailbox: mailbox("MEETING"),
                uid: false,
            }
        );
        assert_eq!(
            body(b"A004 UID COPY 1:3,7 \"a b\"\r\n"),
            CommandBody::Copy {
                sequence_set: set("1:3,7"),
                mailbox: Mailbox(quoted("a b")),
                uid: true,
            }
        );
        assert_eq!(
            Command::decode(b"A1 COPY 1:x INBOX\r\n"),
            Err(failed(10, "sequence-set"))
        );
    }

    #[test]
    fn encoding_writes_literals_as_fragments() {
        let command = Command {
            tag: Tag::try_from("A1").unwrap(),
            body: CommandBody::Login {
                username: AString::try_from("alice").unwrap(),
                password: Secret::new(AString::String(IString::Literal(
                    Literal::try_from("p w").unwrap(),
                ))),
            },
        };
        let out = command.encode_to_fragments();
        let fragments: Vec<_> = out.fragments().collect();
        assert_eq!(
            fragments,
            [
                crate::encode::Fragment::Line(b"A1 LOGIN alice {3}\r\n"),
                crate::encode::Fragment::Literal {
                    data: b"p w",
                    mode: LiteralMode::Sync
                },
                crate::encode::Fragment::Line(b"\r\n"),
            ]
        );
    }
}
