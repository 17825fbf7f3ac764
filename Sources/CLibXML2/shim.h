// SPDX-License-Identifier: Apache-2.0
// The libxml2 headers the OVF adapter uses. Parsing is hardened in Swift (no network, no DTD,
// no entity substitution); this file only exposes the C API.
//
// libxml2 built with ICU includes the system's <unicode/ucnv.h> from encoding.h. Swift's
// Foundation ships its own ICU (_FoundationICU) whose UErrorCode differs, and a module that
// imports both this shim and Foundation then fails to build ("… is not present in definition
// of 'enum UErrorCode'"). Hiding the ICU part only drops the two trailing ICU converter
// pointers of xmlCharEncodingHandler, a struct Swift never touches, so it is safe.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
