// SPDX-License-Identifier: Apache-2.0
// The libxml2 headers the OVF adapter uses. Parsing is hardened in Swift (no network, no DTD,
// no entity substitution); this file only exposes the C API.
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
