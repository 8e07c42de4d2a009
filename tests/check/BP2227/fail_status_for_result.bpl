// BP2227: an operation's success status must suit it: a 2xx with a body when it returns a value,
// 202 or 204 when it does not.
blueprint Shop { version "1.0.0" }

entity Export { id: uuid @id @generated }

api ShopApi {
  operation exportNow() -> Export @http(POST, "/exports/now", 204)
  operation startExport() @http(POST, "/exports", 200)
  operation later() -> Export @http(POST, "/exports/later", 302)
}
