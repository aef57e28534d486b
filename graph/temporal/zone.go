package temporal

import (
	"time"
	// The IANA database compiled in, so that named zones work on machines
	// without /usr/share/zoneinfo (the distroless image has none).
	_ "time/tzdata"
)

// Zones resolves time zone names and remembers the zones it loaded, since
// loading one reads and parses its rules. The zero value is ready to use;
// a nil *Zones works too, without remembering. Not safe for concurrent
// use: give each query its own.
type Zones struct{ m map[string]Zone }

// Zone resolves a time zone as Neo4j's timezone field takes it: Z, an
// offset (+01, +0100, +01:00, -02:05:07) or an IANA name
// (Europe/Stockholm, UTC).
func (zs *Zones) Zone(name string) (Zone, error) {
	if zs != nil {
		if z, ok := zs.m[name]; ok {
			return z, nil
		}
	}
	z, err := loadZone(name)
	if err != nil {
		return Zone{}, err
	}
	if zs != nil {
		if zs.m == nil {
			zs.m = map[string]Zone{}
		}
		zs.m[name] = z
	}
	return z, nil
}

func loadZone(name string) (Zone, error) {
	if name == "" {
		return Zone{}, argErr("Invalid value for TimeZone: an empty name")
	}
	if name[0] == '+' || name[0] == '-' || name == "Z" || name == "z" {
		sc := &scanner{s: name}
		off, _, ok := sc.offset()
		if ok && sc.accept(':') {
			// Seconds, which maps may give (+02:05:59) but strings may not.
			var s int64
			if s, _, ok = sc.digits(2, 2); ok && s < 60 {
				if off < 0 {
					off -= int(s)
				} else {
					off += int(s)
				}
			} else {
				ok = false
			}
		}
		if !ok || !sc.done() {
			return Zone{}, argErr("Invalid value for TimeZone: %q", name)
		}
		return FixedZone(off)
	}
	if name == "Local" {
		// time.LoadLocation would answer with this machine's zone.
		return Zone{}, argErr("Invalid value for TimeZone: %q", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return Zone{}, argErr("Invalid value for TimeZone: Text '%s' could not be parsed", name)
	}
	return NamedZone(loc), nil
}
