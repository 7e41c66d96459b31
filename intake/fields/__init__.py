"""Small named field extractors and the normalisers they share."""
