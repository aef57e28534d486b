package graph

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Property names with a fixed meaning.
const (
	PropName        = "name"
	PropAliases     = "aliases"     // list of strings
	PropDescription = "description" // a short description in our words
	PropCountry     = "country"     // ISO 3166-1 alpha-3, for states
	PropURL         = "url"         // for documents
	PropPublished   = "published"   // date, for documents
	PropDate        = "date"        // date, for events
	PropStart       = "startDate"   // date an actor/agreement began
	PropEnd         = "endDate"

	// Relationship properties.
	PropPolarity     = "polarity" // cooperation | conflict | neutral
	PropSince        = "since"    // date the relation began to hold
	PropUntil        = "until"    // date it stopped holding
	PropClaim        = "claim"    // one sentence in our words
	PropAttributedTo = "attributedTo"
	PropSource       = "source"  // key of the source document node
	PropLocator      = "locator" // paragraph number in the source (integer)
	PropConfidence   = "confidence"
)

// LabelActor is carried by every node besides its kind label.
const LabelActor = "Actor"

// Polarity values, after CAMEO's quad classes collapsed to three.
const (
	Cooperation = "cooperation"
	Conflict    = "conflict"
	Neutral     = "neutral"
)

// Term is one entry of a vocabulary.
type Term struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Polarity is the usual polarity of a relationship type; a relation may
	// state its own.
	Polarity string `json:"polarity,omitempty"`
	// Symmetric types say the same thing read either way (China RIVALS
	// the US is the US RIVALS China). They are stored in one canonical
	// direction, the end with the smaller key first (see Canonical), so
	// that a tie is never stored twice, once each way; their start and
	// end carry no meaning beyond that.
	Symmetric bool `json:"symmetric,omitempty"`
}

// Labels is the vocabulary of node kinds. Names follow FollowTheMoney
// (Country, PublicBody, Organization, Company, Person, Document, Event)
// where one fits.
func Labels() []Term {
	return []Term{
		{Name: "Country", Description: "A sovereign state, its government taken as a whole."},
		{Name: "Bloc", Description: "A union or alliance of states acting together (the EU, 'US allies')."},
		{Name: "PublicBody", Description: "A government department, agency, office or armed service."},
		{Name: "Organization", Description: "A non-commercial organisation: think tank, institute, research programme, party."},
		{Name: "Company", Description: "A commercial firm, including publishers and news media."},
		{Name: "Person", Description: "A named individual."},
		{Name: "Group", Description: "An unnamed collective actor: an industry, a community, the media."},
		{Name: "Agreement", Description: "A treaty, accord or signed arrangement between parties."},
		{Name: "Event", Description: "An incident or episode: a breach, a campaign, an era."},
		{Name: "Document", Description: "A text: article, report, book, web page. Sources are documents."},
		{Name: "Topic", Description: "An issue or principle actors hold positions on (human rights online, IP theft)."},
	}
}

// RelTypes is the vocabulary of relationship types.
func RelTypes() []Term {
	return []Term{
		// Structural ties.
		{Name: "PART_OF", Description: "Start is a component or subdivision of end.", Polarity: Neutral},
		{Name: "MEMBER_OF", Description: "Start belongs to the bloc or organisation end.", Polarity: Neutral},
		{Name: "AFFILIATED_WITH", Description: "Start (a person) holds a position at end.", Polarity: Neutral},
		{Name: "LEADS", Description: "Start heads or led end.", Polarity: Neutral},
		{Name: "AUTHORED", Description: "Start wrote the document end.", Polarity: Neutral},
		{Name: "PUBLISHED", Description: "Start published the document end.", Polarity: Neutral},
		{Name: "VERSION_OF", Description: "Start document is another version of end.", Polarity: Neutral},
		{Name: "MENTIONS", Description: "Start document names end.", Polarity: Neutral},
		{Name: "PARTY_TO", Description: "Start is a party to the agreement end.", Polarity: Cooperation},
		{Name: "PARTICIPATES_IN", Description: "Start takes part in the event or programme end.", Polarity: Neutral},
		{Name: "TARGETED", Description: "The event start was aimed at end.", Polarity: Conflict},
		{Name: "RESPONSIBLE_FOR", Description: "Start is held responsible for the event end.", Polarity: Conflict},
		{Name: "LOCATED_IN", Description: "Start is based in end.", Polarity: Neutral},
		// Interactions.
		{Name: "SPIES_ON", Description: "Start conducts espionage against end.", Polarity: Conflict},
		{Name: "ATTACKS", Description: "Start conducts offensive (military) operations against end.", Polarity: Conflict},
		{Name: "COOPERATES_WITH", Symmetric: true, Description: "Start and end work together.", Polarity: Cooperation},
		{Name: "NEGOTIATES_WITH", Symmetric: true, Description: "Start and end hold dialogue.", Polarity: Cooperation},
		{Name: "DISTRUSTS", Description: "Start does not trust end.", Polarity: Conflict},
		{Name: "RIVALS", Symmetric: true, Description: "Start and end are in tension or competition.", Polarity: Conflict},
		{Name: "PRESSURES", Description: "Start puts pressure on or confronts end.", Polarity: Conflict},
		{Name: "DEPENDS_ON", Description: "Start relies on end.", Polarity: Neutral},
		{Name: "SUPPLIES", Description: "Start supplies goods or technology to end.", Polarity: Cooperation},
		{Name: "ALLIED_WITH", Symmetric: true, Description: "Start and end are allies.", Polarity: Cooperation},
		{Name: "MEDIATES", Description: "Start acts as intermediary for end.", Polarity: Cooperation},
		{Name: "ADVOCATES", Description: "Start argues for the position, policy or topic end.", Polarity: Neutral},
		{Name: "CRITICIZES", Description: "Start criticises end.", Polarity: Conflict},
		{Name: "INFLUENCES", Description: "Start shapes the views or policy of end.", Polarity: Neutral},
		{Name: "LOBBIES", Description: "Start lobbies end for its own interest.", Polarity: Neutral},
		{Name: "BLAMES", Description: "Start holds end to blame.", Polarity: Conflict},
		{Name: "ACCUSES", Description: "Start formally accuses end.", Polarity: Conflict},
		{Name: "THREATENS", Description: "Start is a threat to end.", Polarity: Conflict},
		{Name: "DOWNPLAYS", Description: "Start plays down, or keeps out of view, the weight of end.", Polarity: Neutral},
		{Name: "CONCERNS", Description: "Start (an issue, event or document) is about end.", Polarity: Neutral},
	}
}

// IsLabel reports whether name is in the label vocabulary (or is Actor).
func IsLabel(name string) bool {
	if name == LabelActor {
		return true
	}
	for _, t := range Labels() {
		if t.Name == name {
			return true
		}
	}
	return false
}

// RelTypeTerm returns the vocabulary entry of a relationship type.
func RelTypeTerm(name string) (Term, bool) {
	for _, t := range RelTypes() {
		if t.Name == name {
			return t, true
		}
	}
	return Term{}, false
}

// Canonical returns the direction a relationship of type typ between the
// nodes with keys a and b is stored in: as given, or, for a symmetric
// type, the smaller key first. It reports whether it swapped them.
func Canonical(typ, a, b string) (start, end string, swapped bool) {
	if t, ok := RelTypeTerm(typ); ok && t.Symmetric && b < a {
		return b, a, true
	}
	return a, b, false
}

// IsPolarity reports whether s is a polarity value.
func IsPolarity(s string) bool { return s == Cooperation || s == Conflict || s == Neutral }

// Date is a calendar date of year, month or day precision.
type Date struct {
	Year, Month, Day int // Month and Day are 0 when not given
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var d Date
	var err error
	if d.Year, err = strconv.Atoi(parts[0]); err != nil {
		return Date{}, fmt.Errorf("date %q: bad year", s)
	}
	if len(parts) > 1 {
		if len(parts[1]) != 2 {
			return Date{}, fmt.Errorf("date %q: month must have two digits", s)
		}
		if d.Month, err = strconv.Atoi(parts[1]); err != nil || d.Month < 1 || d.Month > 12 {
			return Date{}, fmt.Errorf("date %q: month must be 01..12", s)
		}
	}
	if len(parts) > 2 {
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return Date{}, fmt.Errorf("date %q: no such day", s)
		}
		d.Day, _ = strconv.Atoi(parts[2])
	}
	return d, nil
}

// first and last return the first and last day the date covers, as
// comparable YYYYMMDD integers.
func (d Date) first() int {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return d.Year*10000 + m*100 + day
}

func (d Date) last() int {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 12
	}
	if day == 0 {
		day = 31
	}
	return d.Year*10000 + m*100 + day
}

// HeldOn reports whether a relation with the given since and until
// properties (dates, possibly empty) held on asOf. A relation held on asOf
// unless it began after asOf ended or ended before asOf began; partial
// dates cover their whole year or month. Unparseable bounds are ignored.
func HeldOn(since, until, asOf string) bool {
	a, err := ParseDate(asOf)
	if err != nil {
		return true
	}
	if s, err := ParseDate(since); since != "" && err == nil && s.first() > a.last() {
		return false
	}
	if u, err := ParseDate(until); until != "" && err == nil && u.last() < a.first() {
		return false
	}
	return true
}

// RelHeldOn applies HeldOn to a relationship's since and until properties.
func RelHeldOn(r Relationship, asOf string) bool {
	if asOf == "" {
		return true
	}
	s, _ := r.Properties[PropSince].(string)
	u, _ := r.Properties[PropUntil].(string)
	return HeldOn(s, u, asOf)
}
