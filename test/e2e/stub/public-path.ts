/**
 * The stub is served in place of Office.js, from Microsoft's URL: webpack would look for the chunks it loads
 * (the XSD worker of `__e2e.xmllint`) there. They sit beside the page, on our origin.
 */
declare let __webpack_public_path__: string;
// eslint-disable-next-line prefer-const -- webpack's free variable: this assignment is what it looks for
__webpack_public_path__ = `${location.origin}/`;
export {};
