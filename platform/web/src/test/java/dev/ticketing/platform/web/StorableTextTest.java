package dev.ticketing.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void theNullCharacterCannotBeStoredAnywhereInAValue() {
        for (String value : new String[] {"\u0000", "a\u0000", "\u0000a", "a\u0000b"}) {
            assertThat(StorableText.problem(value)).as(value).contains("the null character (U+0000)");
        }
    }

    @Test
    void aSurrogateOutsideAHighLowPairCannotBeStored() {
        assertThat(StorableText.problem("a\uD83C")).contains("an unpaired surrogate (U+D83C)");
        assertThat(StorableText.problem("\uDFB5a")).contains("an unpaired surrogate (U+DFB5)");
        assertThat(StorableText.problem("\uDFB5\uD83C")).contains("an unpaired surrogate (U+DFB5)");
        assertThat(StorableText.problem("\uD83C\uD83C\uDFB5")).contains("an unpaired surrogate (U+D83C)");
    }

    @Test
    void everythingElseIsStorableIncludingPairsAndOtherControlCharacters() {
        for (String value : new String[] {
            "", "Concert", "Zoë's \uD83C\uDFB5", "\uD83C\uDFB5\uD83C\uDFB5", "tab\tline\n\u0001", "\uFFFF\uFFFE"
        }) {
            assertThat(StorableText.storable(value)).as(value).isTrue();
        }
        assertThat(StorableText.storable(null)).isTrue();
    }

    @Test
    void theErrorNamesTheSubjectAndTheField() {
        assertThat(StorableText.error("Title", "title", "the null character (U+0000)"))
                .isEqualTo(new ApiError("Title must not contain the null character (U+0000)", "title"));
        assertThat(StorableText.capitalised("orderId")).isEqualTo("OrderId");
    }
}
