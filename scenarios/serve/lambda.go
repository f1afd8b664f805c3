package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/enisim/enisim/eni"
)

// lambdaRoutes registers the Lambda REST-JSON API (2015-03-31 paths).
func (ss *Session) lambdaRoutes(mux *http.ServeMux) {
	const p = "/2015-03-31/functions"
	mux.HandleFunc("POST "+p, ss.lambda(ss.createFunction))
	mux.HandleFunc("POST "+p+"/{$}", ss.lambda(ss.createFunction)) // {$}: this path only, not what is under it
	mux.HandleFunc("GET "+p, ss.lambda(ss.listFunctions))
	mux.HandleFunc("GET "+p+"/{$}", ss.lambda(ss.listFunctions))
	mux.HandleFunc("GET "+p+"/{name}", ss.lambda(ss.getFunction))
	mux.HandleFunc("DELETE "+p+"/{name}", ss.lambda(ss.deleteFunction))
	mux.HandleFunc("GET "+p+"/{name}/configuration", ss.lambda(ss.getConfiguration))
	mux.HandleFunc("PUT "+p+"/{name}/configuration", ss.lambda(ss.updateConfiguration))
	mux.HandleFunc("PUT "+p+"/{name}/code", ss.lambda(ss.updateCode))
	mux.HandleFunc("POST "+p+"/{name}/versions", ss.lambda(ss.publishVersion))
	mux.HandleFunc("GET "+p+"/{name}/versions", ss.lambda(ss.listVersions))
	mux.HandleFunc("POST "+p+"/{name}/invocations", ss.lambda(ss.invoke))
	unknown := func(w http.ResponseWriter, r *http.Request) {
		writeLambdaError(w, errorf("UnknownOperationException", "enisim serves CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, ListVersionsByFunction, UpdateFunctionConfiguration, UpdateFunctionCode, PublishVersion, DeleteFunction and Invoke; not "+r.Method+" "+r.URL.Path))
	}
	mux.HandleFunc("/2015-03-31/", unknown)
	// The Lambda API's other dated paths (layers, provisioned concurrency,
	// function URLs, ...): a typed error the SDKs read, not a plain 404.
	for _, d := range []string{"2016-08-19", "2017-03-31", "2017-10-31", "2018-10-31", "2019-09-25", "2019-09-30", "2020-04-22", "2020-06-30", "2021-10-31", "2021-12-01", "2022-10-31"} {
		mux.HandleFunc("/"+d+"/", unknown)
	}
}

// reply is a handler's answer: a status and a JSON body, or an error.
type reply struct {
	status  int
	body    any
	raw     []byte // Invoke's payload, sent as is
	headers map[string]string
	await   *awaiting // the answer waits for an invocation (watch.go)
}

// requestIDKey is the context key of a Lambda request's id.
type requestIDKey struct{}

// lambdaRequestID is r's id (see lambda).
func lambdaRequestID(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey{}).(string)
	return id
}

// lambdaHandler does a call's work; it runs on the session's loop.
type lambdaHandler func(r *http.Request, body []byte) (reply, *apiError)

// lambda wraps a handler: the body is read (bounded) before the loop is
// entered, the answer written after it is left.
func (ss *Session) lambda(h lambdaHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// Each answer has its id, as AWS's do (the SDKs' RequestID);
		// Invoke's log names it too.
		id := fmt.Sprintf("00000000-0000-4000-8000-%012x", ss.requests.Add(1))
		w.Header().Set("X-Amzn-Requestid", id)
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
		body, err := io.ReadAll(r.Body)
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeLambdaError(w, errorf("RequestTooLargeException", "Request must be smaller than "+strconv.FormatInt(tooBig.Limit, 10)+" bytes"))
				return
			}
			writeLambdaError(w, errorf("InvalidRequestContentException", "could not read the request body: "+err.Error()))
			return
		}
		var rep reply
		var ae *apiError
		if !ss.Do(func() { rep, ae = h(r, body) }) {
			ae = errorf("ServiceException", "the session has stopped")
		}
		if ae == nil && rep.await != nil {
			rep, ae = ss.await(rep.await, r.Context().Done())
		}
		if ae != nil {
			writeLambdaError(w, ae)
			return
		}
		for k, v := range rep.headers {
			w.Header().Set(k, v)
		}
		if rep.raw != nil || rep.body == nil {
			if rep.raw != nil {
				w.Header().Set("Content-Type", "application/json")
			}
			w.WriteHeader(rep.status)
			w.Write(rep.raw)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.status)
		json.NewEncoder(w).Encode(rep.body)
	}
}

// decodeBody reads a request's JSON into v; an empty body is an empty
// request.
func decodeBody(body []byte, v any) *apiError {
	if len(body) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return errorf("InvalidRequestContentException", "Could not parse request body into json: "+err.Error())
	}
	return nil
}

// namespacedName is the Lambda model's NamespacedFunctionName pattern
// (GetFunction, Invoke, ...), anchored.
var namespacedName = regexp.MustCompile(`^(arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:|(((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?))(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$`)

// lookup finds the function a path names (a name or an ARN) and the
// version its qualifier picks (nil: $LATEST).
func (ss *Session) lookup(r *http.Request) (*function, *version, *apiError) {
	raw := r.PathValue("name")
	if ae := ss.foreign(raw); ae != nil {
		return nil, nil, ae
	}
	name, qual, ok := functionName(raw)
	if q := r.URL.Query().Get("Qualifier"); q != "" {
		if qual != "" && q != qual {
			return nil, nil, invalid("The derived qualifier from the function name does not match the specified qualifier.")
		}
		qual = q
	}
	if !ok && namespacedName.MatchString(raw) {
		// The API's pattern for a name to look up takes dots, which no
		// function name has: such a function is not found.
		return nil, nil, errorf(eni.ErrResourceNotFound, "Function not found: "+ss.functionARN(raw))
	}
	if !ok {
		return nil, nil, validation("1 validation error detected: Value '%s' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?", raw)
	}
	fn := ss.byName[name]
	if fn == nil || !fn.ef.Exists {
		return nil, nil, errorf(eni.ErrResourceNotFound, "Function not found: "+ss.functionARN(name))
	}
	if qual == "" || qual == "$LATEST" {
		return fn, nil, nil
	}
	n, err := strconv.Atoi(qual)
	if err == nil && strconv.Itoa(n) == qual { // not 01, +1
		for i := range fn.versions {
			if fn.versions[i].number == n {
				return fn, &fn.versions[i], nil
			}
		}
	}
	return nil, nil, errorf(eni.ErrResourceNotFound, "Function not found: "+ss.functionARN(name)+":"+qual)
}

func (ss *Session) getFunction(r *http.Request, _ []byte) (reply, *apiError) {
	ss.read()
	fn, v, ae := ss.lookup(r)
	if ae != nil {
		return reply{}, ae
	}
	st := &fn.settings
	if v != nil {
		st = &v.settings
	}
	code := map[string]string{"RepositoryType": "S3", "Location": "https://enisim.invalid/code-is-not-stored"}
	if st.packageType == "Image" {
		code = map[string]string{"RepositoryType": "ECR", "ImageUri": st.imageURI, "ResolvedImageUri": st.imageURI}
	}
	return reply{status: http.StatusOK, body: getFunctionResponse{Configuration: ss.config(fn, v), Code: code, Tags: fn.tags}}, nil
}

func (ss *Session) getConfiguration(r *http.Request, _ []byte) (reply, *apiError) {
	ss.read()
	fn, v, ae := ss.lookup(r)
	if ae != nil {
		return reply{}, ae
	}
	return reply{status: http.StatusOK, body: ss.config(fn, v)}, nil
}

// listed is a configuration as ListFunctions lists it: without the state
// and the last update's status, which the API leaves to GetFunction.
func listed(c functionConfiguration) functionConfiguration {
	c.State, c.StateReason, c.StateReasonCode = "", "", ""
	c.LastUpdateStatus, c.LastUpdateStatusReason, c.LastUpdateStatusReasonCode = "", "", ""
	return c
}

// maxListItems is ListFunctions' page size when MaxItems is not given.
const maxListItems = 50

func (ss *Session) listFunctions(r *http.Request, _ []byte) (reply, *apiError) {
	ss.read()
	q := r.URL.Query()
	v := q.Get("FunctionVersion")
	if v != "" && v != "ALL" {
		return reply{}, validation("1 validation error detected: Value '%s' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]", v)
	}
	var list []functionConfiguration
	for _, fn := range ss.sortedFunctions() {
		list = append(list, listed(ss.config(fn, nil)))
		if v == "ALL" {
			for i := range fn.versions {
				list = append(list, listed(ss.config(fn, &fn.versions[i])))
			}
		}
	}
	p, ae := page(list, q.Get("Marker"), q.Get("MaxItems"))
	if ae != nil {
		return reply{}, ae
	}
	return reply{status: http.StatusOK, body: p}, nil
}

func (ss *Session) listVersions(r *http.Request, _ []byte) (reply, *apiError) {
	ss.read()
	fn, _, ae := ss.lookup(r)
	if ae != nil {
		return reply{}, ae
	}
	list := []functionConfiguration{ss.config(fn, nil)}
	for i := range fn.versions {
		list = append(list, ss.config(fn, &fn.versions[i]))
	}
	q := r.URL.Query()
	p, ae := page(list, q.Get("Marker"), q.Get("MaxItems"))
	if ae != nil {
		return reply{}, ae
	}
	body := map[string]any{"Versions": p.Functions}
	if p.NextMarker != "" { // absent on the last page, as the API leaves it
		body["NextMarker"] = p.NextMarker
	}
	return reply{status: http.StatusOK, body: body}, nil
}

// page cuts a list at Marker (an index, as enisim hands it out) for
// MaxItems items (1 to 10,000 in the API; a page holds at most
// maxListItems). A marker enisim did not hand out is refused, not read as
// the start.
func page(list []functionConfiguration, marker, maxItems string) (listFunctionsResponse, *apiError) {
	from := 0
	if marker != "" {
		var err error
		if from, err = strconv.Atoi(marker); err != nil || from < 0 || from > len(list) || strconv.Itoa(from) != marker {
			return listFunctionsResponse{}, invalid("Invalid marker: %s", marker)
		}
	}
	n := maxListItems
	if maxItems != "" {
		m, err := strconv.Atoi(maxItems)
		if err != nil || m < 1 || m > 10000 {
			return listFunctionsResponse{}, validation("1 validation error detected: Value '%s' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000", maxItems)
		}
		n = min(m, maxListItems)
	}
	to := min(from+n, len(list))
	out := listFunctionsResponse{Functions: append([]functionConfiguration{}, list[from:to]...)}
	if to < len(list) {
		out.NextMarker = strconv.Itoa(to)
	}
	return out, nil
}

// sortedFunctions lists the functions that exist, by name.
func (ss *Session) sortedFunctions() []*function {
	var out []*function
	for _, fn := range ss.fns {
		if fn != nil && fn.ef.Exists {
			out = append(out, fn)
		}
	}
	slices.SortFunc(out, func(a, b *function) int { return strings.Compare(a.ef.Name, b.ef.Name) })
	return out
}
