package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"
)

//go:embed dist
var distFS embed.FS

// asset is one embedded file with its validator.
type asset struct {
	body        []byte
	etag        string
	contentType string
	immutable   bool
}

// assets is the built viewer, read once at start.
type assets struct {
	files map[string]asset
}

func newAssets(logger *slog.Logger) *assets {
	// hashedName matches the content-hashed file names the bundler writes
	// (app-5KQ2ZJ3A.js); those never change and can be cached for good.
	hashedName := regexp.MustCompile(`-[A-Za-z0-9]{8,}\.(js|css|map|woff2?|svg|png)$`)
	a := &assets{files: map[string]asset{}}
	sub, err := fs.Sub(distFS, "dist")
	if err != nil {
		logger.Error("embedded viewer missing", "err", err)
		return a
	}
	_ = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = http.DetectContentType(body)
		}
		a.files["/"+p] = asset{body: body, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, contentType: ctype, immutable: hashedName.MatchString(p)}
		return nil
	})
	return a
}

// serve writes the asset at p, answering 304 when the client's copy is
// current. It reports false when there is no such asset.
func (a *assets) serve(c *gin.Context, p string) bool {
	f, ok := a.files[p]
	if !ok {
		return false
	}
	h := c.Writer.Header()
	h.Set("ETag", f.etag)
	if f.immutable {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if match := c.GetHeader("If-None-Match"); match != "" && etagMatch(match, f.etag) {
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return true
	}
	if c.Request.Method == http.MethodHead {
		h.Set("Content-Type", f.contentType)
		c.Status(http.StatusOK)
		c.Writer.WriteHeaderNow()
		return true
	}
	c.Data(http.StatusOK, f.contentType, f.body)
	return true
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "W/"))
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// handleNoRoute serves the viewer for every path outside /api: files by
// name, and index.html for "/" and for paths without an extension, so
// that shared links with view state in the path still open the viewer.
func handleNoRoute(a *assets) gin.HandlerFunc {
	return func(c *gin.Context) {
		p := c.Request.URL.Path
		if !strings.HasPrefix(p, "/api/") && p != "/api" && (c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead) {
			if a.serve(c, p) {
				return
			}
			if path.Ext(p) == "" && a.serve(c, "/index.html") {
				return
			}
		}
		writeProblem(c, Problem{Type: "/problems/" + "not_found", Title: http.StatusText(http.StatusNotFound),
			Status: http.StatusNotFound, Detail: "no such resource: " + p, Instance: p, RequestID: c.GetString(requestIDKey)})
	}
}
