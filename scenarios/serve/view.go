package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/enisim/enisim/sim"
)

//go:embed static
var static embed.FS

var indexTemplate = template.Must(template.ParseFS(static, "static/index.html"))

// viewState is what the browser view shows, sent whole on every change.
type viewState struct {
	Scenario  string         `json:"scenario"`
	Clock     string         `json:"clock"`
	Seconds   float64        `json:"seconds"`
	Speed     string         `json:"speed"`
	Paused    bool           `json:"paused"`
	ENIs      int            `json:"enis"`
	Subnets   []viewSubnet   `json:"subnets"`
	Keys      []viewKey      `json:"keys"`
	Functions []viewFunction `json:"functions"`
	Roles     []string       `json:"roles"`
}

type viewSubnet struct {
	ID       string `json:"id"`
	AZ       string `json:"az"`
	CIDR     string `json:"cidr"`
	Capacity int    `json:"capacity"`
	Other    int    `json:"other"` // usedIPs: addresses other resources hold
	ENIs     int    `json:"enis"`
	Free     int    `json:"free"`
}

type viewKey struct {
	Key     string    `json:"key"`
	Subnet  string    `json:"subnet"`
	SGs     []string  `json:"sgs"`
	Users   []string  `json:"users"` // the functions it serves now
	Ports   int       `json:"ports"`
	Blocked string    `json:"blocked,omitempty"`
	ENIs    []viewENI `json:"enis"`
}

type viewENI struct {
	Name  string `json:"name"` // the timeline's name, eni-0001
	ID    string `json:"id"`
	IP    string `json:"ip"`
	State string `json:"state"`
}

type viewFunction struct {
	Name        string           `json:"name"`
	State       string           `json:"state"`
	Reason      string           `json:"reason,omitempty"`
	LastUpdate  string           `json:"lastUpdate,omitempty"`
	UpdateCode  string           `json:"lastUpdateReason,omitempty"`
	Keys        []string         `json:"keys"`
	Invocations int64            `json:"invocations"`
	Succeeded   int64            `json:"succeeded"`
	Throttled   int64            `json:"throttled"`
	InFlight    int64            `json:"inFlight"`
	Errors      map[string]int64 `json:"errors"`
}

// state takes the view's snapshot (on the loop).
func (ss *Session) state() viewState {
	m := ss.x.Model
	v := viewState{Scenario: ss.x.Scenario.Name, Clock: sim.Clock(ss.now()), Seconds: ss.now().Seconds(),
		Speed: SpeedText(ss.clock.speed), Paused: ss.clock.paused, Subnets: []viewSubnet{}, Keys: []viewKey{},
		Functions: []viewFunction{}, Roles: []string{}}
	for _, s := range m.Subnets() {
		v.Subnets = append(v.Subnets, viewSubnet{ID: s.ID, AZ: s.AZ, CIDR: s.CIDR.String(), Capacity: s.Capacity,
			Other: s.UsedIPs, ENIs: s.ENIs, Free: s.Free()})
	}
	users := map[string][]string{}
	for _, ef := range ss.x.Funcs {
		for _, k := range ef.Config.Keys() {
			users[k] = append(users[k], ef.Name)
		}
	}
	byKey := map[string]int{}
	for _, p := range m.Pools { // in order of first use
		if len(users[p.Key]) == 0 && !slices.ContainsFunc(ss.net.list, func(f *iface) bool { return f.Key == p.Key }) {
			continue
		}
		byKey[p.Key] = len(v.Keys)
		v.Keys = append(v.Keys, viewKey{Key: p.Key, Subnet: p.Subnet.ID, SGs: p.SGs, Users: append([]string{}, users[p.Key]...),
			Ports: p.Ports(), Blocked: string(p.Blocked), ENIs: []viewENI{}})
	}
	for _, ifc := range ss.net.list {
		if i, ok := byKey[ifc.Key]; ok {
			v.Keys[i].ENIs = append(v.Keys[i].ENIs, viewENI{Name: ifc.name(), ID: ifc.ID, IP: ifc.IP.String(), State: ifc.stateName()})
		}
		v.ENIs++
	}
	for i, ef := range ss.x.Funcs {
		if !ef.Exists && ef.History == nil {
			continue
		}
		st := ss.x.Stats[i]
		f := viewFunction{Name: ef.Name, State: ef.State.String(), Reason: string(ef.Reason), LastUpdate: ef.LastUpdate.String(),
			UpdateCode: string(ef.LastUpdateReason), Keys: ef.Config.Keys(), Invocations: st.Invocations, Succeeded: st.Succeeded,
			Throttled: st.Throttled, InFlight: st.InFlight, Errors: maps.Clone(st.Errors)}
		if !ef.Exists {
			f.State = "Deleted"
		}
		if f.Keys == nil {
			f.Keys = []string{}
		}
		v.Functions = append(v.Functions, f)
	}
	for arn := range ss.roles {
		v.Roles = append(v.Roles, arn)
	}
	sortStrings(v.Roles)
	return v
}

func (ss *Session) snapshot() (viewState, bool) {
	var v viewState
	ok := ss.Do(func() { v = ss.state() })
	return v, ok
}

func (ss *Session) viewRoutes(mux *http.ServeMux) {
	sub, _ := fs.Sub(static, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(sub)))
	mux.HandleFunc("GET /enisim/state", func(w http.ResponseWriter, r *http.Request) {
		v, ok := ss.snapshot()
		if !ok {
			http.Error(w, "the session has stopped", http.StatusServiceUnavailable)
			return
		}
		writeJSON(w, v)
	})
	mux.HandleFunc("GET /enisim/report", func(w http.ResponseWriter, r *http.Request) {
		// Encoded on the loop: the report shares maps with the model.
		var b bytes.Buffer
		if !ss.Do(func() { writeJSONTo(&b, ss.x.Report()) }) {
			http.Error(w, "the session has stopped", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(b.Bytes())
	})
	mux.HandleFunc("GET /enisim/events", ss.events)
	mux.HandleFunc("POST /enisim/pause", ss.control(func(*http.Request) error { ss.Pause(); return nil }))
	mux.HandleFunc("POST /enisim/resume", ss.control(func(*http.Request) error { ss.Resume(); return nil }))
	mux.HandleFunc("POST /enisim/speed", ss.control(func(r *http.Request) error {
		v, err := ParseSpeed(r.FormValue("value"))
		if err == nil {
			ss.SetSpeed(v)
		}
		return err
	}))
}

// control wraps a clock control. It needs the X-Enisim-Control header,
// which a page of another origin cannot send without the server's leave
// (a CORS preflight it never gets), so another site cannot pause the clock.
func (ss *Session) control(f func(*http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Enisim-Control") == "" {
			http.Error(w, "enisim: a control needs the X-Enisim-Control header", http.StatusForbidden)
			return
		}
		if err := f(r); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		v, _ := ss.snapshot()
		writeJSON(w, v)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	writeJSONTo(w, v)
}

func writeJSONTo(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// index is the browser view, with the state at the moment it was asked
// for in the page itself, so it shows without waiting for the stream.
func (ss *Session) index(w http.ResponseWriter, r *http.Request) {
	v, ok := ss.snapshot()
	if !ok {
		http.Error(w, "the session has stopped", http.StatusServiceUnavailable)
		return
	}
	state, _ := json.Marshal(v)
	lines, _ := json.Marshal(ss.tl.last())
	var b bytes.Buffer
	if err := indexTemplate.Execute(&b, map[string]any{"State": template.JS(state), "Lines": template.JS(lines), "ENIs": v.ENIs, "Scenario": v.Scenario}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// statePeriod is how often a browser's stream is sent the state when it
// changed.
const statePeriod = 250 * time.Millisecond

// events is the Server-Sent Events stream: each timeline line as a "line"
// event, and the whole state as a "state" event whenever it changed.
func (ss *Session) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	past, next, ok := ss.tl.watch()
	if !ok {
		http.Error(w, "enisim: too many browsers follow this session", http.StatusServiceUnavailable)
		return
	}
	defer ss.tl.unwatch(next)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	seen := uint64(0)
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		fmt.Sscan(id, &seen)
	}
	for _, l := range past {
		if l.Seq > seen {
			sendEvent(w, "line", l.Seq, l)
		}
	}
	flusher.Flush()
	tick := time.NewTicker(statePeriod)
	defer tick.Stop()
	var last []byte
	for {
		select {
		case <-r.Context().Done():
			return
		case l := <-next:
			sendEvent(w, "line", l.Seq, l)
			flusher.Flush()
		case <-tick.C:
			v, ok := ss.snapshot()
			if !ok {
				return
			}
			b, _ := json.Marshal(v)
			if !bytes.Equal(b, last) {
				last = b
				fmt.Fprintf(w, "event: state\ndata: %s\n\n", b)
				flusher.Flush()
			}
		}
	}
}

func sendEvent(w http.ResponseWriter, kind string, id uint64, v any) {
	b, _ := json.Marshal(v)
	fmt.Fprintf(w, "event: %s\nid: %d\ndata: %s\n\n", kind, id, b)
}
