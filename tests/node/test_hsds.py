"""The node's HSDS API validates against Open Referral's published HSDS 3.0 schemas (the checks are
shared with the other suite: both serve ``common.catalogue``)."""

from __future__ import annotations

from tests.hsds_conformance import (
    hsds_catalogue,
    test_a_list_filtered_to_nothing_is_a_valid_empty_page,
    test_an_unknown_or_malformed_id_is_a_coded_json_404,
    test_answers_leave_out_what_an_entry_lacks_instead_of_null_or_empty,
    test_every_organization_validates_listed_and_with_its_services,
    test_every_service_at_location_validates_listed_and_alone,
    test_every_service_validates_listed_and_fully_nested,
    test_service_at_locations_filter_like_services,
    test_taxonomy_ids_are_the_same_uuids_on_every_node_and_release,
    test_texts_come_in_the_asked_language_and_say_which,
    test_the_hsds_root_answers_version_profile_and_openapi_url,
    test_the_taxonomy_and_every_term_validate_listed_and_alone,
    test_the_taxonomy_uri_and_term_uris_are_absolute_and_answer,
    test_the_vendored_schemas_are_the_published_ones_unchanged,
    test_web_addresses_are_mended_into_uris_or_left_out,
)

__all__ = [
    "hsds_catalogue",
    "test_a_list_filtered_to_nothing_is_a_valid_empty_page",
    "test_an_unknown_or_malformed_id_is_a_coded_json_404",
    "test_answers_leave_out_what_an_entry_lacks_instead_of_null_or_empty",
    "test_every_organization_validates_listed_and_with_its_services",
    "test_every_service_at_location_validates_listed_and_alone",
    "test_every_service_validates_listed_and_fully_nested",
    "test_service_at_locations_filter_like_services",
    "test_taxonomy_ids_are_the_same_uuids_on_every_node_and_release",
    "test_texts_come_in_the_asked_language_and_say_which",
    "test_the_hsds_root_answers_version_profile_and_openapi_url",
    "test_the_taxonomy_and_every_term_validate_listed_and_alone",
    "test_the_taxonomy_uri_and_term_uris_are_absolute_and_answer",
    "test_the_vendored_schemas_are_the_published_ones_unchanged",
    "test_web_addresses_are_mended_into_uris_or_left_out",
]
