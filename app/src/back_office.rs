//! The back office's pages as lazily loaded routes: their code is split out of the main wasm
//! (`cargo leptos build --split`) and fetched only when a staff page opens, so the phones of
//! the people applying never download the officers' and administrators' screens. Each page
//! is still rendered in full on the server; in the browser the router fetches its code
//! before it hydrates or shows it.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

macro_rules! lazy_pages {
    ($($name:ident => $page:path),* $(,)?) => {$(
        pub struct $name;

        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            fn view(this: Self) -> AnyView {
                let _ = this;
                $page().into_any()
            }
        }
    )*};
}

use crate::pages::staff;

lazy_pages! {
    Queue => staff::queue::QueuePage,
    Appointments => staff::appointments::DayListPage,
    Dashboard => staff::dashboard::DashboardPage,
    Work => staff::work::WorkPage,
    Outbox => staff::outbox::DeadLettersPage,
    AdminHome => staff::admin::AdminHomePage,
    NewAgency => staff::admin::agency::NewAgencyPage,
    AgencyAdmin => staff::admin::agency::AgencyPage,
    ServiceAdmin => staff::admin::service::ServiceAdminPage,
    Offices => staff::admin::offices::OfficesPage,
    Office => staff::admin::offices::OfficePage,
    StaffAdmin => staff::admin::people::StaffAdminPage,
    Tickets => staff::admin::tickets::TicketsPage,
}
