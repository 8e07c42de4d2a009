// The near-miss of fail_status_for_result: 202 without a result, 201 and 202 with one.
blueprint Shop { version "1.0.0" }

entity Export { id: uuid @id @generated }

api ShopApi {
  operation startExport() @http(POST, "/exports", 202)
  operation createExport() -> Export @http(POST, "/exports/now", 201)
  operation queueExport() -> Export @http(POST, "/exports/queue", 202)
}
