// edition
