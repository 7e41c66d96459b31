"""The OpenAPI 3.1 document of ``/api/v1`` (served at ``/api/v1/openapi.json``)."""

from __future__ import annotations

from functools import cache
from typing import Any

ERROR = {"$ref": "#/components/responses/Error"}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(c): ERROR for c in codes}


def claim_schema() -> dict[str, Any]:
    """claim.json's JSON Schema (the spec's, verifier/schemas/claim.schema.json) as an OpenAPI
    3.1 component: the same keywords, without the file's own ``$schema`` and ``$id``."""
    from verifier.claim import load_schema

    schema = load_schema("claim.schema.json")
    return {k: v for k, v in schema.items() if k not in ("$schema", "$id")}


@cache
def openapi_document() -> dict[str, Any]:
    claim_id = {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "format": "uuid"},
    }
    upload = {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "claim": {
                            "$ref": "#/components/schemas/ClaimJson",
                            "description": "claim.json as a JSON part (spec claim.schema.json)",
                        },
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "one part per document: PDF, JPEG, PNG or TIFF",
                        },
                    },
                    "required": ["claim", "files"],
                },
                "encoding": {"claim": {"contentType": "application/json"}},
            }
        },
    }
    files_only = {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                    "required": ["files"],
                }
            }
        },
    }
    accepted = {
        "description": "Stored and queued for verification",
        "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}},
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Accepted"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Semak claim verification API",
            "version": "1.0.0",
            "description": "Upload a PERKESO claim's documents; get back whether it is "
            "complete, on time and consistent.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/claims": {
                "post": {
                    "operationId": "createClaim",
                    "summary": "Submit a claim: claim.json plus its documents",
                    "requestBody": upload,
                    "responses": {
                        "202": accepted,
                        **_errors(400, 401, 403, 413, 415, 422, 429, 503),
                    },
                },
                "get": {
                    "operationId": "listClaims",
                    "summary": "The claims this token's user may see, newest first, by pages",
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "description": "claims per page (default 50, at most 500)",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 500},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 10000},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Claims",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "claims": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Claim"},
                                            },
                                            "page": {"type": "integer"},
                                            "next": {"type": ["string", "null"]},
                                            "prev": {"type": ["string", "null"]},
                                        },
                                    }
                                }
                            },
                        },
                        **_errors(400, 401),
                    },
                },
            },
            "/api/v1/claims/{id}": {
                "get": {
                    "operationId": "getClaim",
                    "summary": "A claim's status, progress and, once done, its report",
                    "parameters": [claim_id],
                    "responses": {
                        "200": {
                            "description": "The claim",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Claim"}
                                }
                            },
                        },
                        **_errors(401, 404),
                    },
                }
            },
            "/api/v1/claims/{id}/files": {
                "post": {
                    "operationId": "addClaimFiles",
                    "summary": "Add documents to a claim and verify it again",
                    "parameters": [claim_id],
                    "requestBody": files_only,
                    "responses": {
                        "202": accepted,
                        **_errors(400, 401, 404, 409, 413, 415, 422, 429),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "security": [],
                    "responses": {"200": {"description": "OpenAPI 3.1 document"}},
                }
            },
        },
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `flask --app app user create ... --token`",
                }
            },
            "responses": {
                "Error": {
                    "description": "An error with a stable code",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
            },
            "schemas": {
                "ClaimJson": claim_schema(),
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": {
                                    "type": "string",
                                    "examples": [
                                        "missing_claim",
                                        "invalid_json",
                                        "invalid_claim",
                                        "no_files",
                                        "too_many_files",
                                        "file_too_large",
                                        "unsupported_file",
                                        "empty_file",
                                        "truncated_file",
                                        "encrypted_pdf",
                                        "unauthorized",
                                        "not_found",
                                        "claim_busy",
                                        "claim_decided",
                                        "admin_cannot_file",
                                        "rate_limited",
                                    ],
                                },
                                "message": {"type": "string"},
                            },
                        }
                    },
                },
                "Accepted": {
                    "type": "object",
                    "required": ["id", "url", "status"],
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "url": {"type": "string", "format": "uri"},
                        "status": {"$ref": "#/components/schemas/Status"},
                    },
                },
                "Status": {"enum": ["queued", "processing", "done", "failed"]},
                "Claim": {
                    "type": "object",
                    "required": ["id", "url", "status", "progress"],
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "url": {"type": "string", "format": "uri"},
                        "reference": {"type": "string"},
                        "claim_type": {"type": "string"},
                        "status": {"$ref": "#/components/schemas/Status"},
                        "status_reason": {"type": ["string", "null"]},
                        "progress": {
                            "type": "object",
                            "properties": {
                                "stage": {"type": "string"},
                                "done": {"type": ["integer", "null"]},
                                "total": {"type": ["integer", "null"]},
                            },
                        },
                        "verdict": {
                            "enum": ["complete", "incomplete", "needs_review", "ineligible", None]
                        },
                        "documents": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "file": {"type": "string"},
                                    "status": {"type": "string"},
                                    "pages": {"type": ["integer", "null"]},
                                    "media_type": {"type": "string"},
                                    "error_code": {"type": "string"},
                                },
                            },
                        },
                        "report": {
                            "description": "Present once status is done: the report of spec "
                            "section 3 (report.schema.json), as `python -m verifier` prints it",
                            "type": "object",
                        },
                    },
                },
            },
        },
    }
