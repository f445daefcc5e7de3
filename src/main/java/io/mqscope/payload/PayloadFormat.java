package io.mqscope.payload;

/** How a payload is written by a person or shown to one. The bytes are always the truth; these are views. */
public enum PayloadFormat {
    TEXT, JSON, HEX, BASE64
}
