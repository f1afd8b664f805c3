package serve

import (
	"crypto/subtle"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/enisim/enisim/eni"
)

// Bounds on what one client can make the server hold.
const (
	maxBody     = 8 << 20 // bytes of one request body (Invoke's payload limit is 6 MB)
	maxInFlight = 256     // requests being answered at once, the browser's event streams aside
	// bodyTimeout is how long a request's body may take to arrive: a
	// client that sends a Content-Length and then stalls held a slot for
	// ever, and 256 of them shut every other client out.
	bodyTimeoutDefault = 10 * time.Second
)

var bodyTimeout = bodyTimeoutDefault // tests shorten it

// Handler serves the Lambda API, the EC2 API and the browser view. With a
// token, every request must carry it (see checkToken); without one, only
// requests addressed to a loopback host are answered, so a web page cannot
// reach the server through a DNS name that points at 127.0.0.1. SigV4
// signatures are accepted and not checked.
func (ss *Session) Handler(token string) http.Handler {
	mux := http.NewServeMux()
	ss.lambdaRoutes(mux)
	ss.viewRoutes(mux)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" && (r.Method == http.MethodPost || r.URL.Query().Get("Action") != "") {
			ss.ec2(w, r)
			return
		}
		if r.URL.Path == "/" && r.Method == http.MethodGet {
			ss.index(w, r)
			return
		}
		http.NotFound(w, r)
	})
	slots := make(chan struct{}, maxInFlight)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed(w, r, token) {
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if r.URL.Path == "/enisim/events" {
			mux.ServeHTTP(w, r)
			return
		}
		// The wall clock bounds the server, never the model.
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(bodyTimeout))
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
			mux.ServeHTTP(w, r)
		default:
			busyError(w, r)
		}
	})
}

// allowed applies the token or the loopback rule, answering a refused
// request itself.
func allowed(w http.ResponseWriter, r *http.Request, token string) bool {
	if token == "" {
		if loopbackHost(r.Host) {
			return true
		}
		http.Error(w, "enisim: without --token only requests to a loopback host (127.0.0.1, localhost, [::1]) are answered", http.StatusForbidden)
		return false
	}
	if t, ok := carried(r); ok && subtle.ConstantTimeCompare([]byte(t), []byte(token)) == 1 {
		if r.URL.Query().Get("token") != "" {
			http.SetCookie(w, &http.Cookie{Name: "enisim_token", Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		}
		return true
	}
	if strings.HasPrefix(r.URL.Path, "/2015-03-31/") {
		writeLambdaError(w, errorf("UnrecognizedClientException", "The security token included in the request is invalid: enisim serve --token wants it as the access key id (AWS_ACCESS_KEY_ID)"))
		return false
	}
	if r.URL.Path == "/" && r.Method == http.MethodPost {
		writeEC2Error(w, http.StatusUnauthorized, "AuthFailure", "enisim serve --token wants the token as the access key id (AWS_ACCESS_KEY_ID)")
		return false
	}
	http.Error(w, "enisim: this server needs its token: open /?token=TOKEN once", http.StatusUnauthorized)
	return false
}

// carried finds the token a request carries: the access key id of its
// SigV4 Authorization header (so the AWS CLI and SDKs carry it as
// AWS_ACCESS_KEY_ID), an X-Enisim-Token header, the enisim_token cookie
// the browser view gets, or ?token= on the URL.
func carried(r *http.Request) (string, bool) {
	if a := r.Header.Get("Authorization"); a != "" {
		if i := strings.Index(a, "Credential="); i >= 0 {
			cred := a[i+len("Credential="):]
			if j := strings.IndexByte(cred, '/'); j >= 0 {
				return cred[:j], true
			}
		}
	}
	if t := r.Header.Get("X-Enisim-Token"); t != "" {
		return t, true
	}
	if c, err := r.Cookie("enisim_token"); err == nil {
		return c.Value, true
	}
	if t := r.URL.Query().Get("token"); t != "" {
		return t, true
	}
	return "", false
}

func loopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// LoopbackAddr reports whether a listen address is on loopback only.
func LoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	return loopbackHost(host)
}

// busyError refuses a request beyond maxInFlight in its API's shape: the
// Lambda API's TooManyRequestsException (429), EC2's RequestLimitExceeded.
func busyError(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/2015-03-31/"):
		writeLambdaError(w, errorf(eni.ErrTooManyRequests, "Rate Exceeded."))
	case r.URL.Path == "/" && (r.Method == http.MethodPost || r.URL.Query().Get("Action") != ""):
		writeEC2Error(w, http.StatusServiceUnavailable, "RequestLimitExceeded", "Request limit exceeded.")
	default:
		http.Error(w, "enisim: too many requests at once", http.StatusServiceUnavailable)
	}
}
