// libxml2 behind a libxml2-free header. Every document is freed before returning; every problem goes
// to the caller's callback with its line; the library never prints to stderr on its own.
#include "CXMLSchemaShim.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <stdlib.h>
#include <string.h>

struct yrd_schema {
    xmlSchemaPtr schema;
};

typedef struct {
    yrd_xml_error_callback callback;
    void *context;
    int count;
} yrd_sink;

static void yrd_forward(yrd_sink *sink, const xmlError *error) {
    if (error == NULL || sink == NULL) return;
    int level = YRD_XML_ERROR;
    if (error->level == XML_ERR_WARNING) level = YRD_XML_WARNING;
    else if (error->level == XML_ERR_FATAL) level = YRD_XML_FATAL;
    char message[1024];
    const char *text = error->message ? error->message : "unknown libxml2 error";
    size_t n = strlen(text);
    if (n >= sizeof(message)) n = sizeof(message) - 1;
    memcpy(message, text, n);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' ')) n--;
    message[n] = '\0';
    if (level != YRD_XML_WARNING) sink->count++;
    if (sink->callback) sink->callback(sink->context, level, error->code, error->line, error->int2, message);
}

static void yrd_structured(void *user, xmlErrorPtr error) { yrd_forward((yrd_sink *)user, error); }

// libxml2's generic (printf-style) handler: silenced, structured errors carry everything.
static void yrd_silent(void *user, const char *msg, ...) {
    (void)user;
    (void)msg;
}

static void yrd_begin(yrd_sink *sink) {
    xmlInitParser();
    xmlSetStructuredErrorFunc(sink, yrd_structured);
    xmlSetGenericErrorFunc(NULL, yrd_silent);
}

static void yrd_end(void) {
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, NULL);
}

static const int yrd_xml_options = XML_PARSE_NONET;

int yrd_xml_check_well_formed(const char *bytes, size_t length, const char *name,
                              yrd_xml_error_callback callback, void *context) {
    yrd_sink sink = {callback, context, 0};
    yrd_begin(&sink);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        yrd_end();
        return -1;
    }
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes, (int)length, name, "UTF-8", yrd_xml_options);
    if (doc == NULL && sink.count == 0) sink.count = 1;
    if (doc != NULL) xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    yrd_end();
    return sink.count;
}

yrd_schema *yrd_schema_load(const char *bytes, size_t length, const char *base_url,
                            yrd_xml_error_callback callback, void *context) {
    yrd_sink sink = {callback, context, 0};
    yrd_begin(&sink);
    yrd_schema *result = NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr doc = ctxt ? xmlCtxtReadMemory(ctxt, bytes, (int)length, base_url, "UTF-8", yrd_xml_options) : NULL;
    if (doc != NULL) {
        xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewDocParserCtxt(doc);
        if (pctxt != NULL) {
            xmlSchemaSetParserStructuredErrors(pctxt, yrd_structured, &sink);
            xmlSchemaPtr schema = xmlSchemaParse(pctxt);
            xmlSchemaFreeParserCtxt(pctxt);
            if (schema != NULL && sink.count == 0) {
                result = (yrd_schema *)calloc(1, sizeof(yrd_schema));
                if (result) result->schema = schema;
                else xmlSchemaFree(schema);
            } else if (schema != NULL) {
                xmlSchemaFree(schema);
            }
        }
        xmlFreeDoc(doc);
    }
    if (ctxt) xmlFreeParserCtxt(ctxt);
    yrd_end();
    return result;
}

int yrd_schema_validate(yrd_schema *schema, const char *bytes, size_t length, const char *name,
                        yrd_xml_error_callback callback, void *context) {
    if (schema == NULL) return -1;
    yrd_sink sink = {callback, context, 0};
    yrd_begin(&sink);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        yrd_end();
        return -1;
    }
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes, (int)length, name, "UTF-8", yrd_xml_options);
    if (doc == NULL) {
        if (sink.count == 0) sink.count = 1;
    } else {
        xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema->schema);
        if (vctxt != NULL) {
            xmlSchemaSetValidStructuredErrors(vctxt, yrd_structured, &sink);
            int rc = xmlSchemaValidateDoc(vctxt, doc);
            if (rc != 0 && sink.count == 0) sink.count = 1;
            xmlSchemaFreeValidCtxt(vctxt);
        } else {
            sink.count++;
        }
        xmlFreeDoc(doc);
    }
    xmlFreeParserCtxt(ctxt);
    yrd_end();
    return sink.count;
}

void yrd_schema_free(yrd_schema *schema) {
    if (schema == NULL) return;
    xmlSchemaFree(schema->schema);
    free(schema);
}

int yrd_html_parse(const char *bytes, size_t length, const char *name,
                   yrd_xml_error_callback callback, void *context) {
    yrd_sink sink = {callback, context, 0};
    yrd_begin(&sink);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == NULL) {
        yrd_end();
        return -1;
    }
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, bytes, (int)length, name, "UTF-8",
                                        HTML_PARSE_NONET);
    if (doc == NULL && sink.count == 0) sink.count = 1;
    if (doc != NULL) xmlFreeDoc(doc);
    htmlFreeParserCtxt(ctxt);
    yrd_end();
    return sink.count;
}
