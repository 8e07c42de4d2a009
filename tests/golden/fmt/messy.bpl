// ARGS: fmt %s
// Messy layout on purpose: bpc fmt prints the canonical form.
blueprint   Shop{version "1.0"   platform api}
role Admin



role Clerk
enum Status{draft,placed ,  shipped}
entity Order{id:uuid @id @generated
  total : decimal=0 @min( 0 )  // never negative
  /// Where it goes.
  address:Address?
  items:list< map<string,int> >=[ ]}
policy{allow Admin to *
allow Clerk to [read,create] on Order when isOwner}
workflow Flow on Order.status{initial draft
draft->placed on place by Clerk emits Placed}
api Shop at "/v1"{resource Order{list,get} with workflow Flow
operation search(q:string @minLength(2),limit:int=20)->list<Order> @http(GET,"/search") by Clerk}
