package cypher

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tQuoted // `backticked` identifier: never a keyword
	tInt
	tFloat
	tString
	tParam
	tSym
)

type token struct {
	kind tokKind
	text string // identifier name, symbol, decoded string, parameter name
	pos  int
	end  int
	num  int64
	fl   float64
	err  string // a literal that could not be read (reported if parsed)
}

func (t token) is(sym string) bool { return t.kind == tSym && t.text == sym }

// kw reports whether t is the keyword k (case-insensitive).
func (t token) kw(k string) bool { return t.kind == tIdent && strings.EqualFold(t.text, k) }

// lex splits src into tokens. It stops at the first malformed token and
// reports it as a syntax error.
func lex(src string) ([]token, error) {
	toks := make([]token, 0, len(src)/3+1)
	i := 0
	for {
		// Skip blanks and comments.
		for i < len(src) {
			c := src[i]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
				i++
				continue
			}
			if c == '/' && i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
				continue
			}
			if c == '/' && i+1 < len(src) && src[i+1] == '*' {
				end := strings.Index(src[i+2:], "*/")
				if end < 0 {
					return nil, syntaxError(src, i, "Failed to parse comment: unterminated /* comment")
				}
				i += end + 4
				continue
			}
			if c >= 0x80 {
				r, n := utf8.DecodeRuneInString(src[i:])
				if unicode.IsSpace(r) {
					i += n
					continue
				}
			}
			break
		}
		if i >= len(src) {
			toks = append(toks, token{kind: tEOF, pos: i})
			return toks, nil
		}
		start := i
		c := src[i]
		switch {
		case isIdentStart(src, i):
			for i < len(src) && isIdentPart(src, i) {
				_, n := utf8.DecodeRuneInString(src[i:])
				i += n
			}
			toks = append(toks, token{kind: tIdent, text: src[start:i], pos: start})
		case c == '`':
			var b strings.Builder
			i++
			for {
				if i >= len(src) {
					return nil, syntaxError(src, start, "Invalid input '`': unterminated quoted identifier")
				}
				if src[i] == '`' {
					if i+1 < len(src) && src[i+1] == '`' {
						b.WriteByte('`')
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(src[i])
				i++
			}
			toks = append(toks, token{kind: tQuoted, text: b.String(), pos: start})
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9' && !(len(toks) > 0 && toks[len(toks)-1].end == i && (toks[len(toks)-1].kind == tIdent || toks[len(toks)-1].kind == tQuoted || toks[len(toks)-1].is(")") || toks[len(toks)-1].is("]"))):
			t, n := lexNumber(src, i)
			i += n
			toks = append(toks, t)
		case c == '\'' || c == '"':
			s, n, err := lexString(src, i)
			if err != nil {
				return nil, err
			}
			i += n
			toks = append(toks, token{kind: tString, text: s, pos: start})
		case c == '$':
			i++
			if i < len(src) && src[i] == '`' {
				end := strings.IndexByte(src[i+1:], '`')
				if end < 0 {
					return nil, syntaxError(src, start, "Invalid input '$': unterminated parameter name")
				}
				toks = append(toks, token{kind: tParam, text: src[i+1 : i+1+end], pos: start})
				i += end + 2
				toks[len(toks)-1].end = i
				continue
			}
			j := i
			for j < len(src) && isIdentPart(src, j) {
				_, n := utf8.DecodeRuneInString(src[j:])
				j += n
			}
			if j == i {
				return nil, syntaxError(src, start, "Invalid input '$': expected a parameter name")
			}
			toks = append(toks, token{kind: tParam, text: src[i:j], pos: start})
			i = j
		default:
			sym := ""
			for _, s := range [...]string{"..", "<=", ">=", "<>", "!=", "=~", "+=", "::"} {
				if strings.HasPrefix(src[i:], s) {
					sym = s
					break
				}
			}
			if sym == "" {
				if strings.IndexByte("()[]{},.:|;=<>+-*/%^&!", c) < 0 {
					r, _ := utf8.DecodeRuneInString(src[i:])
					return nil, syntaxError(src, i, "Invalid input '%s'", string(r))
				}
				sym = src[i : i+1]
			}
			i += len(sym)
			toks = append(toks, token{kind: tSym, text: sym, pos: start})
		}
		toks[len(toks)-1].end = i
	}
}

func isIdentStart(src string, i int) bool {
	c := src[i]
	if c < 0x80 {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	return unicode.IsLetter(r)
}

func isIdentPart(src string, i int) bool {
	c := src[i]
	if c < 0x80 {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Pc, r)
}

// lexNumber reads an integer or float literal. Malformed or overflowing
// literals become tokens carrying err, so the parser can report them in
// context.
func lexNumber(src string, i int) (token, int) {
	start := i
	isFloat := false
	if strings.HasPrefix(src[i:], "0x") || strings.HasPrefix(src[i:], "0X") || strings.HasPrefix(src[i:], "0o") || strings.HasPrefix(src[i:], "0O") {
		i += 2
		for i < len(src) && isIdentPart(src, i) {
			i++
		}
		text := src[start:i]
		base := 16
		if text[1] == 'o' || text[1] == 'O' {
			base = 8
		}
		u, err := strconv.ParseUint(strings.ReplaceAll(text[2:], "_", ""), base, 64)
		t := token{kind: tInt, text: text, pos: start}
		switch {
		case err != nil && strings.Contains(err.Error(), "range"):
			t.err = "IntegerOverflow"
		case err != nil:
			t.err = "InvalidNumberLiteral"
		case u > 1<<63:
			t.err = "IntegerOverflow"
		default:
			t.num = int64(u)
			if u == 1<<63 {
				t.num = -1 << 63 // only valid under unary minus; parser checks
				t.err = "MinInt"
			}
		}
		return t, i - start
	}
	for i < len(src) && (src[i] >= '0' && src[i] <= '9' || src[i] == '_') {
		i++
	}
	if i+1 < len(src) && src[i] == '.' && src[i+1] >= '0' && src[i+1] <= '9' {
		isFloat = true
		i++
		for i < len(src) && (src[i] >= '0' && src[i] <= '9' || src[i] == '_') {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && src[j] >= '0' && src[j] <= '9' {
			isFloat = true
			i = j
			for i < len(src) && src[i] >= '0' && src[i] <= '9' {
				i++
			}
		}
	}
	t := token{pos: start}
	// A letter glued to a number (123abc) is a malformed literal.
	if i < len(src) && isIdentPart(src, i) {
		for i < len(src) && isIdentPart(src, i) {
			i++
		}
		t.kind, t.text, t.err = tInt, src[start:i], "InvalidNumberLiteral"
		return t, i - start
	}
	text := strings.ReplaceAll(src[start:i], "_", "")
	t.text = src[start:i]
	if isFloat {
		f, err := strconv.ParseFloat(text, 64)
		t.kind, t.fl = tFloat, f
		if err != nil {
			t.err = "FloatingPointOverflow"
		}
		return t, i - start
	}
	t.kind = tInt
	if len(text) > 1 && text[0] == '0' {
		// Legacy octal: 0777.
		u, err := strconv.ParseUint(text[1:], 8, 64)
		if err != nil {
			t.err = "InvalidNumberLiteral"
		} else if u > 1<<63-1 {
			t.err = "IntegerOverflow"
		} else {
			t.num = int64(u)
		}
		return t, i - start
	}
	u, err := strconv.ParseUint(text, 10, 64)
	switch {
	case err != nil || u > 1<<63:
		t.err = "IntegerOverflow"
	case u == 1<<63:
		t.num = -1 << 63
		t.err = "MinInt"
	default:
		t.num = int64(u)
	}
	return t, i - start
}

func lexString(src string, i int) (string, int, error) {
	start := i
	q := src[i]
	i++
	var b strings.Builder
	for {
		if i >= len(src) {
			return "", 0, syntaxError(src, start, "Failed to parse string literal: missing closing quote")
		}
		c := src[i]
		if c == q {
			i++
			return b.String(), i - start, nil
		}
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(src) {
			return "", 0, syntaxError(src, i, "Failed to parse string literal: dangling escape")
		}
		e := src[i+1]
		i += 2
		switch e {
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if i+n > len(src) {
				return "", 0, syntaxError(src, i-2, "Invalid input: invalid unicode escape (InvalidUnicodeLiteral)")
			}
			v, err := strconv.ParseUint(src[i:i+n], 16, 32)
			if err != nil || !utf8.ValidRune(rune(v)) {
				return "", 0, syntaxError(src, i-2, "Invalid input: invalid unicode escape (InvalidUnicodeLiteral)")
			}
			b.WriteRune(rune(v))
			i += n
		default:
			// Neo4j keeps unknown escapes literally.
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
}
