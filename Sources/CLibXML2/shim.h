// libxml2 as seen by the C shim only (CXMLSchemaShim); no Swift target imports this module directly:
// Debian's libxml2 pulls in ICU headers that clash with Foundation's in one Swift module.
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>
