import HTTPTypes

/// The header names the station reads and writes beyond HTTPTypes' own.
extension HTTPField.Name {
    // Constant names, valid by construction: the initialiser fails only on characters not allowed
    // in a header name.
    // swift-format-ignore: NeverForceUnwrap
    /// Sent by the station's page with every POST: a cross-site form cannot send it.
    static let rpaRequest = HTTPField.Name("X-RPA-Request")!
    // swift-format-ignore: NeverForceUnwrap
    /// The claim on a document, for the crop of a sensitive field.
    static let rpaClaim = HTTPField.Name("X-RPA-Claim")!
    // swift-format-ignore: NeverForceUnwrap
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    // swift-format-ignore: NeverForceUnwrap
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    // swift-format-ignore: NeverForceUnwrap
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
