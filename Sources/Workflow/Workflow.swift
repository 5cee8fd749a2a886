/// The workflow language.
