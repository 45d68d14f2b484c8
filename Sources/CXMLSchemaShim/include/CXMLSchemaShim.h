// A small C interface over libxml2 whose header mentions no libxml2 type, so that Swift code importing
// Foundation can use it (a Swift module importing libxml2's headers next to Foundation fails on Debian).
#ifndef CXMLSCHEMASHIM_H
#define CXMLSCHEMASHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// How serious a reported problem is.
typedef enum {
    YRD_XML_WARNING = 1,
    YRD_XML_ERROR = 2,
    YRD_XML_FATAL = 3
} yrd_xml_level;

/// Receives one problem: level, libxml2 error code, 1-based line (0 when unknown), column (0 when
/// unknown) and the message (UTF-8, without a trailing newline). `context` is passed through.
typedef void (*yrd_xml_error_callback)(void *context, int level, int code, int line, int column,
                                       const char *message);

/// A compiled XML schema; owned by the caller, released with yrd_schema_free.
typedef struct yrd_schema yrd_schema;

/// Parses an XML document (no network, no entity expansion) and frees it. Returns 0 when
/// well-formed, else the number of errors reported through `callback`.
int yrd_xml_check_well_formed(const char *bytes, size_t length, const char *name,
                              yrd_xml_error_callback callback, void *context);

/// Compiles an XSD held in memory. `base_url` resolves relative imports/includes. Returns NULL (and
/// reports through `callback`) when the schema itself is broken.
yrd_schema *yrd_schema_load(const char *bytes, size_t length, const char *base_url,
                            yrd_xml_error_callback callback, void *context);

/// Parses a document and validates it against `schema`. Returns 0 when valid, else the number of
/// problems (parse errors and validity errors) reported through `callback`.
int yrd_schema_validate(yrd_schema *schema, const char *bytes, size_t length, const char *name,
                        yrd_xml_error_callback callback, void *context);

/// Releases a compiled schema.
void yrd_schema_free(yrd_schema *schema);

/// Parses an HTML document with libxml2's HTML parser and frees it. Every problem (including
/// HTML5 element names unknown to libxml2, code 801) is reported; returns the number reported.
int yrd_html_parse(const char *bytes, size_t length, const char *name,
                   yrd_xml_error_callback callback, void *context);

#ifdef __cplusplus
}
#endif

#endif
